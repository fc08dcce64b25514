package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.support.MigrationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a backup and the current keyspace into the writes that make the keyspace equal the backup.
 * <ul>
 *   <li>Full dump (this tool's and upstream's late format): afterwards every non-leased key under the meta root
 *       is exactly the backup's; keys the backup lacks are deleted.</li>
 *   <li>Early format (only the 2.1 records): as upstream, only the 2.1 and 2.2 layout prefixes are cleared.</li>
 * </ul>
 * Leased keys (live sessions, our own lock) are never touched. Writing only what differs makes a rollback that
 * crashed safe to repeat.
 */
public final class RestorePlanner {
  private RestorePlanner() {}

  /**
   * @param metaRoot the meta root without trailing slash
   * @param current  non-leased keys under {@code metaRoot/}, full etcd keys
   * @param leased   leased keys under {@code metaRoot/}
   */
  public static RestorePlan plan(BackupFile backup, String metaRoot, Map<ByteString, ByteString> current,
      Set<ByteString> leased) {
    Map<ByteString, ByteString> wanted = backup.absoluteEntries();
    if (wanted.isEmpty()) {
      throw new MigrationException("the backup holds no entries; refusing to restore it (it would only delete)");
    }
    ByteString root = ByteString.copyFromUtf8(metaRoot);
    for (ByteString key : wanted.keySet()) {
      if (!key.startsWith(root)) {
        throw new MigrationException("the backup does not belong to meta root " + metaRoot + ": it holds key "
            + key.toStringUtf8() + " (backup instance '" + backup.instance() + "', meta path '"
            + backup.metaPath() + "')");
      }
    }
    List<String> notes = new ArrayList<>();
    SortedMap<ByteString, ByteString> puts = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    wanted.forEach((key, value) -> {
      if (leased.contains(key)) {
        notes.add("backup key " + key.toStringUtf8() + " is now a live session key: left alone");
      } else if (!value.equals(current.get(key))) {
        puts.put(key, value);
      }
    });
    Set<ByteString> removable = backup.entriesIncludeRootPath()
        ? current.keySet()
        : underLayoutPrefixes(current.keySet(), metaRoot);
    TreeSet<ByteString> deletes = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    removable.stream().filter(key -> !wanted.containsKey(key)).forEach(deletes::add);
    return new RestorePlan(puts, deletes, notes);
  }

  private static Set<ByteString> underLayoutPrefixes(Set<ByteString> keys, String metaRoot) {
    List<ByteString> prefixes = new ArrayList<>();
    for (String prefix : concat(MetaKeys.CLEAN_21, MetaKeys.CLEAN_22, List.of(MetaKeys.PROGRESS_MARKER))) {
      prefixes.add(ByteString.copyFromUtf8(metaRoot + "/" + prefix));
    }
    Set<ByteString> found = new HashSet<>();
    for (ByteString key : keys) {
      if (prefixes.stream().anyMatch(key::startsWith)) {
        found.add(key);
      }
    }
    return found;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
