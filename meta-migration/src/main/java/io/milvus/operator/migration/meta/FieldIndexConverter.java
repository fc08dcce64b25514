package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.FieldSchema;
import io.milvus.operator.migration.proto.v21.CollectionInfo;
import io.milvus.operator.migration.proto.v21.FieldIndexInfo;
import io.milvus.operator.migration.proto.v21.IndexInfo;
import io.milvus.operator.migration.proto.v22.FieldIndex;
import io.milvus.operator.migration.support.MigrationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code field-index/<coll>/<index>} per entry of a live collection's {@code field_indexes}, from the
 * {@code root-coord/index/<coll>/<index>} record and the field's schema. A dangling reference fails the whole
 * run before anything is written, as upstream does: silently dropping an index is what the migration prevents.
 */
final class FieldIndexConverter {
  static final String DEFAULT_INDEX_NAME = "_default_idx";

  private record IndexRef(long collectionId, long indexId) {}

  private FieldIndexConverter() {}

  static SortedMap<String, ByteString> convert(Keyspace keyspace, SortedMap<Long, CollectionInfo> collections,
      List<String> notes) {
    Map<IndexRef, IndexInfo> indexes = indexRecords(keyspace, notes);
    Set<IndexRef> used = new HashSet<>();
    SortedMap<String, ByteString> out = new TreeMap<>();
    collections.forEach((collectionId, collection) -> {
      if (collection.getFieldIndexesCount() == 0) {
        return;
      }
      Map<Long, FieldSchema> fields = fieldsById(collectionId, collection);
      for (FieldIndexInfo ref : collection.getFieldIndexesList()) {
        FieldSchema field = fields.get(ref.getFiledID());
        if (field == null) {
          throw new MigrationException("collection " + collectionId + ": field_indexes refers to field "
              + ref.getFiledID() + ", which is not in its schema");
        }
        IndexRef key = new IndexRef(collectionId, ref.getIndexID());
        IndexInfo index = indexes.get(key);
        if (index == null) {
          throw new MigrationException("collection " + collectionId + ": index " + ref.getIndexID()
              + " of field " + field.getName() + " has no record at " + MetaKeys.INDEXES_21 + collectionId + "/"
              + ref.getIndexID());
        }
        used.add(key);
        out.put(MetaKeys.fieldIndex(collectionId, ref.getIndexID()),
            fieldIndex(collectionId, field, index).toByteString());
      }
    });
    indexes.keySet().stream().filter(ref -> !used.contains(ref)).forEach(ref -> notes.add("index record "
        + MetaKeys.INDEXES_21 + ref.collectionId() + "/" + ref.indexId()
        + " is not used by any live collection: dropped"));
    return out;
  }

  private static FieldIndex fieldIndex(long collectionId, FieldSchema field, IndexInfo index) {
    String where = "index " + index.getIndexID() + " of collection " + collectionId;
    String name = index.getIndexName().equals(DEFAULT_INDEX_NAME)
        ? DEFAULT_INDEX_NAME + "_" + field.getFieldID() // 2.2 needs distinct names per field
        : index.getIndexName();
    return FieldIndex.newBuilder()
        .setIndexInfo(io.milvus.operator.migration.proto.v22.IndexInfo.newBuilder()
            .setCollectionID(collectionId)
            .setFieldID(field.getFieldID())
            .setIndexName(name)
            .setIndexID(index.getIndexID())
            .addAllTypeParams(field.getTypeParamsList())
            .addAllIndexParams(IndexParams.flatten(index.getIndexParamsList(), where))
            .setIsAutoIndex(false)
            .addAllUserIndexParams(index.getIndexParamsList()))
        .setDeleted(index.getDeleted())
        .setCreateTime(index.getCreateTime())
        .build();
  }

  private static Map<Long, FieldSchema> fieldsById(long collectionId, CollectionInfo collection) {
    Map<Long, FieldSchema> byId = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (FieldSchema field : collection.getSchema().getFieldsList()) {
      if (byId.put(field.getFieldID(), field) != null || !names.add(field.getName())) {
        throw new MigrationException("collection " + collectionId + " has a duplicate field (ID "
            + field.getFieldID() + ", name '" + field.getName() + "') in its schema");
      }
    }
    return byId;
  }

  private static Map<IndexRef, IndexInfo> indexRecords(Keyspace keyspace, List<String> notes) {
    Map<IndexRef, IndexInfo> records = new HashMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.INDEXES_21).entrySet()) {
      String[] segments = e.getKey().split("/");
      if (segments.length < 4) {
        throw new MigrationException("unexpected index key " + e.getKey() + " (expected "
            + MetaKeys.INDEXES_21 + "<collectionID>/<indexID>)");
      }
      if (Tombstone.is(e.getValue())) {
        notes.add("index record " + e.getKey() + " is a tombstone: ignored");
        continue;
      }
      IndexRef ref = new IndexRef(Protos.parseId(segments[segments.length - 2], e.getKey()),
          Protos.parseId(segments[segments.length - 1], e.getKey()));
      records.put(ref, Protos.parse(IndexInfo.parser(), e.getKey(), e.getValue()));
    }
    return records;
  }
}
