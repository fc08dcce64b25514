package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** One named step of a run: its puts, then its deletes (keys relative to the meta root). */
public record WriteStep(String name, SortedMap<String, ByteString> puts, SortedSet<String> deletes) {
  public WriteStep {
    puts = Collections.unmodifiableSortedMap(new TreeMap<>(puts));
    deletes = Collections.unmodifiableSortedSet(new TreeSet<>(deletes));
  }

  static WriteStep puts(String name, SortedMap<String, ByteString> puts) {
    return new WriteStep(name, puts, new TreeSet<>());
  }

  static WriteStep deletes(String name, SortedSet<String> deletes) {
    return new WriteStep(name, new TreeMap<>(), deletes);
  }
}
