package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run does to the keyspace, keys relative to the meta root.
 *
 * @param additions keys of the 2.2 layout that 2.1 did not have (aliases, field and segment indexes, load infos)
 * @param rewrites  collection keys re-encoded in place (same key, new value)
 * @param deletions 2.1 keys that have no place in 2.2
 * @param notes     one line per decision worth telling the person running the tool
 */
public record MigrationPlan(SortedMap<String, ByteString> additions, SortedMap<String, ByteString> rewrites,
    SortedSet<String> deletions, List<String> notes) {

  public MigrationPlan {
    additions = Collections.unmodifiableSortedMap(new TreeMap<>(additions));
    rewrites = Collections.unmodifiableSortedMap(new TreeMap<>(rewrites));
    deletions = Collections.unmodifiableSortedSet(new TreeSet<>(deletions));
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return additions.isEmpty() && rewrites.isEmpty() && deletions.isEmpty();
  }

  /** The same plan without the puts that the keyspace already holds and the deletes already done. */
  public MigrationPlan pendingAgainst(Keyspace current) {
    return new MigrationPlan(
        differing(additions, current), differing(rewrites, current),
        new TreeSet<>(deletions.stream().filter(key -> current.get(key) != null).toList()), notes);
  }

  private static SortedMap<String, ByteString> differing(Map<String, ByteString> puts, Keyspace current) {
    SortedMap<String, ByteString> pending = new TreeMap<>();
    puts.forEach((key, value) -> {
      if (!value.equals(current.get(key))) {
        pending.put(key, value);
      }
    });
    return pending;
  }

  public String summary() {
    return additions.size() + " new 2.2 keys, " + rewrites.size() + " collection keys to re-encode, "
        + deletions.size() + " 2.1 keys to delete";
  }
}
