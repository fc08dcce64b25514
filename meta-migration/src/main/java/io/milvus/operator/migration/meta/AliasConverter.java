package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.v21.CollectionInfo;
import io.milvus.operator.migration.proto.v22.AliasInfo;
import io.milvus.operator.migration.support.MigrationException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * 2.1 stored an alias as a collection record holding only the target ID and, as schema name, the alias;
 * 2.2 has AliasInfo under {@code root-coord/aliases/}. Snapshots carry their timestamp as created_time.
 */
final class AliasConverter {
  private AliasConverter() {}

  static SortedMap<String, ByteString> convert(Keyspace keyspace, List<String> notes) {
    SortedMap<String, ByteString> out = new TreeMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.ALIASES_21).entrySet()) {
      String alias = aliasName(e.getKey(), e.getKey().substring(MetaKeys.ALIASES_21.length()));
      out.put(MetaKeys.ALIASES_22 + alias, convertValue(e.getKey(), e.getValue(), alias, 0, notes));
    }
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.ALIAS_SNAPSHOTS_21).entrySet()) {
      SnapshotKey snapshot = SnapshotKey.parse(e.getKey().substring(MetaKeys.ALIAS_SNAPSHOTS_21.length()));
      String alias = aliasName(e.getKey(), snapshot.key());
      out.put(MetaKeys.ALIAS_SNAPSHOTS_22 + snapshot.format(),
          convertValue(e.getKey(), e.getValue(), alias, snapshot.ts(), notes));
    }
    return out;
  }

  private static String aliasName(String key, String name) {
    if (name.isEmpty() || name.contains("/")) {
      throw new MigrationException("unexpected alias key " + key);
    }
    return name;
  }

  private static ByteString convertValue(String key, ByteString value, String alias, long createdTime,
      List<String> notes) {
    if (Tombstone.is(value)) {
      return Tombstone.VALUE;
    }
    CollectionInfo legacy = Protos.parse(CollectionInfo.parser(), key, value);
    String name = legacy.getSchema().getName();
    if (name.isEmpty()) {
      notes.add("alias record " + key + " has no name inside; using '" + alias + "' from its key");
      name = alias;
    }
    return AliasInfo.newBuilder()
        .setAliasName(name)
        .setCollectionId(legacy.getID())
        .setCreatedTime(createdTime)
        .build()
        .toByteString();
  }
}
