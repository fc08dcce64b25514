package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.config.MetaPaths;
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
 *
 * <p>A backup is only restored onto the root it was taken from: its header must name the configured meta root
 * (slashes normalised, so {@code /by-dev} and {@code by-dev} are one root), every key must lie below
 * {@code <metaRoot>/}, and every planned write is checked to lie there before the plan is handed out.
 */
public final class RestorePlanner {
  private RestorePlanner() {}

  /**
   * @param metaRoot the configured meta root without trailing slash
   * @param current  non-leased keys under {@code metaRoot/}, full etcd keys
   * @param leased   leased keys under {@code metaRoot/}
   */
  public static RestorePlan plan(BackupFile backup, String metaRoot, Map<ByteString, ByteString> current,
      Set<ByteString> leased) {
    checkBelongsTo(backup, metaRoot);
    ByteString prefix = ByteString.copyFromUtf8(metaRoot + "/");
    Map<ByteString, ByteString> wanted = backup.absoluteEntries(metaRoot);
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
    RestorePlan plan = new RestorePlan(puts, deletes, notes);
    checkConfined(plan, prefix);
    return plan;
  }

  /**
   * Refuses a backup taken of another meta root than {@code metaRoot}, an empty one, and one holding a key outside
   * {@code <metaRoot>/}. Needs only the file and the config: callers check before they touch etcd.
   */
  public static void checkBelongsTo(BackupFile backup, String metaRoot) {
    String backupRoot = MetaPaths.join(backup.instance(), backup.metaPath());
    if (!normalised(backupRoot).equals(normalised(metaRoot))) {
      throw new MigrationException("the backup was taken of meta root '" + backupRoot + "' (instance '"
          + backup.instance() + "', meta path '" + backup.metaPath() + "'), not of the configured '" + metaRoot
          + "': check etcd.rootPath and etcd.metaSubPath, or config.backupFilePath");
    }
    if (backup.entries().isEmpty()) {
      throw new MigrationException("the backup holds no entries; refusing to restore it (it would only delete)");
    }
    ByteString prefix = ByteString.copyFromUtf8(metaRoot + "/");
    for (ByteString key : backup.absoluteEntries(metaRoot).keySet()) {
      if (!key.startsWith(prefix)) {
        throw new MigrationException("the backup does not belong to meta root " + metaRoot + ": it holds key "
            + key.toStringUtf8() + ", which is not under " + prefix.toStringUtf8());
      }
    }
  }

  /** The last line of defence: not one write of a rollback may land outside {@code <metaRoot>/}. */
  private static void checkConfined(RestorePlan plan, ByteString prefix) {
    List<ByteString> outside = new ArrayList<>();
    plan.puts().keySet().stream().filter(key -> !key.startsWith(prefix)).forEach(outside::add);
    plan.deletes().stream().filter(key -> !key.startsWith(prefix)).forEach(outside::add);
    if (!outside.isEmpty()) {
      throw new MigrationException("refusing to restore: " + outside.size() + " planned writes lie outside "
          + prefix.toStringUtf8() + " (e.g. " + outside.get(0).toStringUtf8() + ")");
    }
  }

  /** {@code /by-dev/meta/}, {@code by-dev//meta} and {@code by-dev/meta} are one root. */
  static String normalised(String root) {
    String cleaned = MetaPaths.join(root);
    int from = 0;
    while (from < cleaned.length() && cleaned.charAt(from) == '/') {
      from++;
    }
    return cleaned.substring(from);
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
