package io.milvus.operator.migration.meta;

import java.util.List;

/** Key prefixes of the 2.1 and 2.2 layouts, relative to the meta root (e.g. {@code by-dev/meta}). */
public final class MetaKeys {
  // read from the 2.1 layout
  public static final String COLLECTIONS = "root-coord/collection/";
  public static final String COLLECTION_SNAPSHOTS = "snapshots/root-coord/collection/";
  public static final String ALIASES_21 = "root-coord/collection-alias/";
  public static final String ALIAS_SNAPSHOTS_21 = "snapshots/root-coord/collection-alias/";
  public static final String INDEXES_21 = "root-coord/index/";
  public static final String SEGMENT_INDEXES_21 = "root-coord/segment-index/";
  public static final String BUILD_METAS_21 = "indexes/";
  public static final String QUERY_COLLECTIONS_21 = "queryCoord-collectionMeta/";

  // written for 2.2
  public static final String ALIASES_22 = "root-coord/aliases/";
  public static final String ALIAS_SNAPSHOTS_22 = "snapshots/root-coord/aliases/";
  public static final String FIELD_INDEXES_22 = "field-index/";
  public static final String SEGMENT_INDEXES_22 = "segment-index/";
  public static final String COLLECTION_LOAD_INFOS_22 = "querycoord-collection-loadinfo/";
  public static final String PARTITION_LOAD_INFOS_22 = "querycoord-partition-loadinfo/";

  public static final String SESSIONS = "session/";

  /** Our own crash-recovery record; see {@code RunPlanner}. Milvus never reads it. */
  public static final String PROGRESS_MARKER = "meta-migration/run-2.1-to-2.2";

  /** Upstream's 2.1 "Clean" list: plain string prefixes (so {@code root-coord/collection} covers aliases too). */
  public static final List<String> CLEAN_21 = List.of(
      "root-coord/collection", "snapshots/root-coord/collection",
      "root-coord/collection-alias", "snapshots/root-coord/collection-alias",
      "root-coord/segment-index", "root-coord/index", "indexes",
      "root-coord/dd-msg-send", "snapshots/root-coord/dd-msg-send",
      "root-coord/dd-operation", "snapshots/root-coord/dd-operation");

  /** Upstream's 2.2 "Clean" list, used by rollback of an early-format backup. */
  public static final List<String> CLEAN_22 = List.of(
      "root-coord/collection", "root-coord/partitions", "root-coord/fields", "root-coord/aliases",
      "snapshots", "field-index", "segment-index",
      "querycoord-collection-loadinfo", "querycoord-partition-loadinfo");

  /** Where the conversion creates new keys (as opposed to rewriting collection keys in place). */
  public static final List<String> CREATED_22 = List.of(
      ALIASES_22, ALIAS_SNAPSHOTS_22, FIELD_INDEXES_22, SEGMENT_INDEXES_22,
      COLLECTION_LOAD_INFOS_22, PARTITION_LOAD_INFOS_22);

  private MetaKeys() {}

  public static boolean underAny(String key, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The part after the last '/', e.g. the collection ID of {@code root-coord/collection/42}. */
  public static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  public static String fieldIndex(long collectionId, long indexId) {
    return FIELD_INDEXES_22 + collectionId + "/" + indexId;
  }

  public static String segmentIndex(long collectionId, long partitionId, long segmentId, long buildId) {
    return SEGMENT_INDEXES_22 + collectionId + "/" + partitionId + "/" + segmentId + "/" + buildId;
  }

  public static String collectionLoadInfo(long collectionId) {
    return COLLECTION_LOAD_INFOS_22 + collectionId;
  }

  public static String partitionLoadInfo(long collectionId, long partitionId) {
    return PARTITION_LOAD_INFOS_22 + collectionId + "/" + partitionId;
  }
}
