package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.meta.Keyspace;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every key under a prefix as of one etcd revision, full keys, sorted by bytes. */
public record StoreSnapshot(long revision, SortedMap<ByteString, StoredValue> entries) {

  public StoreSnapshot {
    TreeMap<ByteString, StoredValue> sorted = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    sorted.putAll(entries);
    entries = Collections.unmodifiableSortedMap(sorted);
  }

  public SortedMap<ByteString, ByteString> nonLeased() {
    SortedMap<ByteString, ByteString> values = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    entries.forEach((key, stored) -> {
      if (!stored.leased()) {
        values.put(key, stored.value());
      }
    });
    return values;
  }

  public Set<ByteString> leasedKeys() {
    Set<ByteString> keys = new HashSet<>();
    entries.forEach((key, stored) -> {
      if (stored.leased()) {
        keys.add(key);
      }
    });
    return keys;
  }

  /** The non-leased keys below the root, relative, as the pure conversion wants them. */
  public Keyspace keyspace(MetaRoot root) {
    Map<String, ByteString> relative = new TreeMap<>();
    nonLeased().forEach((key, value) -> root.relative(key).ifPresent(rel -> relative.put(rel, value)));
    return Keyspace.of(relative);
  }
}
