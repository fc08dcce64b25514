package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.v22.CollectionInfo;
import io.milvus.operator.migration.support.MigrationException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collections keep their keys (current and {@code _ts} snapshots) and their embedded fields and partitions, which
 * 2.2 reads as the legacy form. Re-encoding through the 2.2 message drops {@code field_indexes} and any field 2.2
 * does not know. Idempotent: an already re-encoded value comes out byte-identical and is left alone.
 */
final class CollectionRewriter {
  private CollectionRewriter() {}

  static SortedMap<String, ByteString> rewrites(Keyspace keyspace) {
    SortedMap<String, ByteString> changed = new TreeMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.COLLECTIONS).entrySet()) {
      Protos.parseId(e.getKey().substring(MetaKeys.COLLECTIONS.length()), e.getKey());
      reencode(e.getKey(), e.getValue(), changed);
    }
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.COLLECTION_SNAPSHOTS).entrySet()) {
      String name = e.getKey().substring(MetaKeys.COLLECTION_SNAPSHOTS.length());
      Protos.parseId(SnapshotKey.parse(name).key(), e.getKey());
      reencode(e.getKey(), e.getValue(), changed);
    }
    return changed;
  }

  private static void reencode(String key, ByteString value, Map<String, ByteString> changed) {
    if (Tombstone.is(value)) {
      return; // a dropped collection stays dropped
    }
    CollectionInfo info = Protos.parseKnownFieldsOnly(CollectionInfo.parser(), key, value);
    checkPartitions(key, info);
    ByteString encoded = info.toByteString();
    if (!encoded.equals(value)) {
      changed.put(key, encoded);
    }
  }

  /** 2.2 rebuilds partitions from the three parallel arrays; unequal lengths would crash it (and upstream). */
  private static void checkPartitions(String key, CollectionInfo info) {
    int ids = info.getPartitionIDsCount();
    if (info.getPartitionNamesCount() != ids || info.getPartitionCreatedTimestampsCount() != ids) {
      throw new MigrationException("collection record " + key + " is inconsistent: " + ids + " partition IDs, "
          + info.getPartitionNamesCount() + " partition names, " + info.getPartitionCreatedTimestampsCount()
          + " partition timestamps");
    }
  }
}
