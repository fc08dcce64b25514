package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.v21.CollectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The 2.1 -> 2.2 conversion as a pure function of the keyspace. It splits into two parts on purpose:
 * <ul>
 *   <li>{@link #convert}: everything, including the new keys, which can only be derived from intact 2.1 data;</li>
 *   <li>{@link #finish}: the destructive part (re-encode collections, delete 2.1 keys), which needs no 2.1 data
 *       and can therefore be recomputed and completed after a crash.</li>
 * </ul>
 */
public final class MetaConverter {
  private MetaConverter() {}

  public static MigrationPlan convert(Keyspace keyspace) {
    List<String> notes = new ArrayList<>();
    SortedMap<Long, CollectionInfo> collections = SourceCollections.live(keyspace, notes);
    SortedMap<String, ByteString> additions = new TreeMap<>();
    additions.putAll(AliasConverter.convert(keyspace, notes));
    additions.putAll(FieldIndexConverter.convert(keyspace, collections, notes));
    additions.putAll(SegmentIndexConverter.convert(keyspace, notes));
    additions.putAll(LoadInfoConverter.convert(keyspace, collections, notes));
    MigrationPlan finishing = finish(keyspace);
    notes.addAll(finishing.notes());
    return new MigrationPlan(additions, finishing.rewrites(), finishing.deletions(), notes);
  }

  /** Re-encodes collection keys in place and deletes the keys only 2.1 has. Idempotent. */
  public static MigrationPlan finish(Keyspace keyspace) {
    SortedSet<String> deletions = new TreeSet<>();
    for (String key : keyspace.underAny(MetaKeys.CLEAN_21).keySet()) {
      if (!key.startsWith(MetaKeys.COLLECTIONS) && !key.startsWith(MetaKeys.COLLECTION_SNAPSHOTS)) {
        deletions.add(key);
      }
    }
    return new MigrationPlan(new TreeMap<>(), CollectionRewriter.rewrites(keyspace), deletions, List.of());
  }
}
