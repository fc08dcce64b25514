package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What {@code rollback} writes (full etcd keys): the puts first, then the deletes. */
public record RestorePlan(SortedMap<ByteString, ByteString> puts, SortedSet<ByteString> deletes, List<String> notes) {
  public RestorePlan {
    TreeMap<ByteString, ByteString> sortedPuts = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    sortedPuts.putAll(puts);
    TreeSet<ByteString> sortedDeletes = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    sortedDeletes.addAll(deletes);
    puts = Collections.unmodifiableSortedMap(sortedPuts);
    deletes = Collections.unmodifiableSortedSet(sortedDeletes);
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return puts.isEmpty() && deletes.isEmpty();
  }
}
