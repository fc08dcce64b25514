package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.v21.CollectionInfo;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The current (non-snapshot) 2.1 collection records, by collection ID; dropped ones are left out. */
final class SourceCollections {
  private SourceCollections() {}

  static SortedMap<Long, CollectionInfo> live(Keyspace keyspace, List<String> notes) {
    SortedMap<Long, CollectionInfo> live = new TreeMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.COLLECTIONS).entrySet()) {
      long id = Protos.parseId(e.getKey().substring(MetaKeys.COLLECTIONS.length()), e.getKey());
      if (Tombstone.is(e.getValue())) {
        notes.add("collection " + id + " is dropped (tombstone): no indexes or load info for it");
        continue;
      }
      live.put(id, Protos.parse(CollectionInfo.parser(), e.getKey(), e.getValue()));
    }
    return live;
  }
}
