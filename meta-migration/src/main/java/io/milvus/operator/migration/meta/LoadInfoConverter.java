package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.v21.CollectionInfo;
import io.milvus.operator.migration.proto.v21.FieldIndexInfo;
import io.milvus.operator.migration.proto.v21.QueryCollectionInfo;
import io.milvus.operator.migration.proto.v22.CollectionLoadInfo;
import io.milvus.operator.migration.proto.v22.LoadStatus;
import io.milvus.operator.migration.proto.v22.PartitionLoadInfo;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Keeps fully loaded collections and partitions loaded across the upgrade: 2.1's
 * {@code queryCoord-collectionMeta} rows become 2.2 load infos. The 2.1 rows stay (upstream never deletes them).
 */
final class LoadInfoConverter {
  private static final long FULLY_LOADED = 100;

  private LoadInfoConverter() {}

  static SortedMap<String, ByteString> convert(Keyspace keyspace, SortedMap<Long, CollectionInfo> collections,
      List<String> notes) {
    SortedMap<String, ByteString> out = new TreeMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.QUERY_COLLECTIONS_21).entrySet()) {
      if (Tombstone.is(e.getValue())) {
        continue;
      }
      QueryCollectionInfo loaded = Protos.parse(QueryCollectionInfo.parser(), e.getKey(), e.getValue());
      long id = loaded.getCollectionID();
      if (loaded.getInMemoryPercentage() < FULLY_LOADED) {
        notes.add("collection " + id + " was only " + loaded.getInMemoryPercentage()
            + "% loaded: it starts released in 2.2");
        continue;
      }
      CollectionInfo collection = collections.get(id);
      if (collection == null) {
        notes.add("collection " + id + " is loaded but dropped or unknown: no load info");
        continue;
      }
      SortedMap<Long, Long> fieldIndexes = fieldIndexes(collection);
      if (fieldIndexes.isEmpty()) {
        // 2.2 cannot load a collection without an index; upstream still writes partition load infos here
        notes.add("collection " + id + " is loaded but has no index: it starts released in 2.2");
        continue;
      }
      switch (loaded.getLoadType()) {
        case LOAD_COLLECTION -> out.put(MetaKeys.collectionLoadInfo(id), CollectionLoadInfo.newBuilder()
            .setCollectionID(id)
            .addAllReleasedPartitions(loaded.getReleasedPartitionIDsList())
            .setReplicaNumber(loaded.getReplicaNumber())
            .setStatus(LoadStatus.LOADED)
            .putAllFieldIndexID(fieldIndexes)
            .build().toByteString());
        case LOAD_PARTITION -> loaded.getPartitionIDsList().forEach(partition -> out.put(
            MetaKeys.partitionLoadInfo(id, partition), PartitionLoadInfo.newBuilder()
                .setCollectionID(id)
                .setPartitionID(partition)
                .setReplicaNumber(loaded.getReplicaNumber())
                .setStatus(LoadStatus.LOADED)
                .putAllFieldIndexID(fieldIndexes)
                .build().toByteString()));
        default -> notes.add("collection " + id + " has load type " + loaded.getLoadTypeValue()
            + ", neither collection nor partitions: no load info");
      }
    }
    return out;
  }

  private static SortedMap<Long, Long> fieldIndexes(CollectionInfo collection) {
    SortedMap<Long, Long> byField = new TreeMap<>();
    for (FieldIndexInfo ref : collection.getFieldIndexesList()) {
      byField.put(ref.getFiledID(), ref.getIndexID());
    }
    return byField;
  }
}
