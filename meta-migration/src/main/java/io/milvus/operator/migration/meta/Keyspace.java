package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A consistent view of the metadata: keys relative to the meta root, values as raw bytes, sorted by key. */
public record Keyspace(SortedMap<String, ByteString> entries) {

  public Keyspace {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  public static Keyspace of(Map<String, ByteString> entries) {
    return new Keyspace(new TreeMap<>(entries));
  }

  public ByteString get(String key) {
    return entries.get(key);
  }

  /** Entries whose key starts with {@code prefix}, in key order. */
  public SortedMap<String, ByteString> under(String prefix) {
    if (prefix.isEmpty()) {
      return entries;
    }
    char last = prefix.charAt(prefix.length() - 1);
    String end = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    return entries.subMap(prefix, end);
  }

  public SortedMap<String, ByteString> underAny(List<String> prefixes) {
    SortedMap<String, ByteString> found = new TreeMap<>();
    prefixes.forEach(prefix -> found.putAll(under(prefix)));
    return found;
  }

  /** This keyspace with puts and deletes applied (used to reason about plans without etcd). */
  public Keyspace apply(Map<String, ByteString> puts, Iterable<String> deletes) {
    SortedMap<String, ByteString> next = new TreeMap<>(entries);
    next.putAll(puts);
    deletes.forEach(next::remove);
    return new Keyspace(next);
  }
}
