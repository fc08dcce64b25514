package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.config.MetaPaths;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.meta.MetaConverter;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.support.KeyspaceDigest;
import io.milvus.operator.migration.support.MigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The backup of the 2.1 metadata is the only way back, so a backup file is never replaced by anything but a backup
 * of plain 2.1 metadata, and {@code run} only relies on a backup that provably holds the metadata it migrates.
 */
public final class BackupPolicy {
  private static final int EXAMPLES = 3;

  private BackupPolicy() {}

  /** What {@code run} with {@code cmd.runWithBackup} does about its backup file. */
  public sealed interface RunBackup {
    /** Write these entries (full etcd keys): the plain 2.1 metadata the run starts from. */
    record Write(SortedMap<ByteString, ByteString> entries) implements RunBackup {}

    /** The file already holds what this run needs; keep it untouched. */
    record Reuse(String why) implements RunBackup {}

    /** The run writes nothing, so it needs no backup; the file (if any) is left untouched. */
    record NotNeeded(String why) implements RunBackup {}

    /** Neither writing nor reusing is safe: the run must stop before writing anything. */
    record Refuse(String why) implements RunBackup {}
  }

  /**
   * The file a backup command may write: empty when writing is safe, else why not. A new file is always fine; an
   * existing one is only replaced by a backup of plain 2.1 metadata.
   */
  public static Optional<String> whyNotReplace(Keyspace keyspace, boolean fileExists) {
    if (!fileExists) {
      return Optional.empty();
    }
    return notPlain21(keyspace).map(why -> "the backup file exists and the metadata now is not plain 2.1 (" + why
        + "): replacing the file could lose the only copy of the 2.1 metadata; move it away, or set "
        + "config.backupFilePath to a new file");
  }

  /**
   * @param decision   what the run will do
   * @param keyspace   the non-leased keys, relative to the meta root
   * @param nonLeased  the same keys as full etcd keys
   * @param metaRoot   the configured meta root
   * @param existing   the backup file's content, if the file exists and is readable
   * @param unreadable why the existing file could not be read, if it exists but could not
   */
  public static RunBackup forRun(RunDecision decision, Keyspace keyspace, SortedMap<ByteString, ByteString> nonLeased,
      String metaRoot, Optional<BackupFile> existing, Optional<String> unreadable) {
    if (decision instanceof RunDecision.AlreadyMigrated || decision instanceof RunDecision.Refuse) {
      return new RunBackup.NotNeeded("the run has nothing to migrate, so it writes no backup"
          + (existing.isPresent() || unreadable.isPresent() ? "; the existing backup file is left as it is" : ""));
    }
    if (unreadable.isPresent()) {
      return new RunBackup.Refuse("the backup file exists but cannot be used (" + unreadable.get() + "); refusing to"
          + " replace it or to migrate without it: move it away, or restore it with cmd.type rollback");
    }
    if (decision instanceof RunDecision.Resume resume) {
      return forResume(resume.marker(), existing);
    }
    SortedMap<ByteString, ByteString> plain21 = plain21(keyspace, nonLeased, metaRoot);
    if (existing.isEmpty()) {
      return new RunBackup.Write(plain21);
    }
    BackupFile file = existing.get();
    if (file.absoluteEntries(metaRoot).equals(plain21) && sameRoot(file, metaRoot)) {
      return new RunBackup.Reuse("it holds exactly the " + plain21.size() + " keys of the 2.1 metadata to migrate");
    }
    return new RunBackup.Refuse("the backup file exists but does not hold the current 2.1 metadata ("
        + difference(file.absoluteEntries(metaRoot), plain21) + "); refusing to replace it, since it may be the only "
        + "copy of earlier metadata: move it away, restore it with cmd.type rollback, or set config.backupFilePath "
        + "to a new file");
  }

  private static RunBackup forResume(ProgressMarker marker, Optional<BackupFile> existing) {
    if (existing.isEmpty()) {
      return new RunBackup.Refuse("an interrupted run must be finished, but the backup file is missing and the 2.1 "
          + "metadata is partly converted, so it can no longer be backed up; finish with cmd.runWithBackup: false, "
          + "or restore an earlier backup with cmd.type rollback");
    }
    String digest = existing.get().digest();
    if (!marker.backupDigest().isEmpty() && marker.backupDigest().equals(digest)) {
      return new RunBackup.Reuse("the interrupted run wrote it before it converted anything (digest "
          + KeyspaceDigest.abbreviate(digest) + ")");
    }
    return new RunBackup.Refuse("an interrupted run must be finished, but the backup file is not the one that run "
        + "took (" + (marker.backupDigest().isEmpty() ? "the run recorded no backup"
        : "digest " + KeyspaceDigest.abbreviate(digest) + ", the run recorded "
            + KeyspaceDigest.abbreviate(marker.backupDigest())) + "); finish with cmd.runWithBackup: false, or "
        + "restore the right backup with cmd.type rollback");
  }

  /**
   * The metadata as it was before any run of this tool: the keyspace minus the new 2.2 keys a run interrupted
   * before its progress marker may have written (the planner has checked that they are exactly such keys).
   */
  private static SortedMap<ByteString, ByteString> plain21(Keyspace keyspace,
      SortedMap<ByteString, ByteString> nonLeased, String metaRoot) {
    SortedMap<ByteString, ByteString> plain = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    plain.putAll(nonLeased);
    keyspace.underAny(MetaKeys.CREATED_22).keySet()
        .forEach(key -> plain.remove(ByteString.copyFromUtf8(metaRoot + "/" + key)));
    return plain;
  }

  private static boolean sameRoot(BackupFile file, String metaRoot) {
    return RestorePlanner.normalised(MetaPaths.join(file.instance(),
        file.metaPath())).equals(RestorePlanner.normalised(metaRoot));
  }

  /** Why this keyspace is not plain 2.1 metadata, or empty when it is. */
  static Optional<String> notPlain21(Keyspace keyspace) {
    if (keyspace.entries().isEmpty()) {
      return Optional.of("there is no metadata");
    }
    if (keyspace.get(MetaKeys.PROGRESS_MARKER) != null) {
      return Optional.of("an interrupted run left its progress marker " + MetaKeys.PROGRESS_MARKER);
    }
    SortedMap<String, ByteString> created = keyspace.underAny(MetaKeys.CREATED_22);
    if (!created.isEmpty()) {
      return Optional.of("it holds " + created.size() + " keys of the 2.2 layout, e.g. "
          + examples(new ArrayList<>(created.keySet())));
    }
    try {
      if (MetaConverter.convert(keyspace).pendingAgainst(keyspace).isEmpty()) {
        return Optional.of("it needs no migration: it is in the 2.2 layout already");
      }
    } catch (MigrationException e) {
      return Optional.of("it cannot be read as 2.1 metadata: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static String difference(Map<ByteString, ByteString> file, Map<ByteString, ByteString> now) {
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    now.forEach((key, value) -> {
      ByteString held = file.get(key);
      if (held == null) {
        missing.add(key.toStringUtf8());
      } else if (!held.equals(value)) {
        changed.add(key.toStringUtf8());
      }
    });
    long extra = file.keySet().stream().filter(key -> !now.containsKey(key)).count();
    return "the file has " + file.size() + " keys, the metadata " + now.size() + "; " + missing.size()
        + " missing from the file" + (missing.isEmpty() ? "" : " (e.g. " + examples(missing) + ")") + ", "
        + changed.size() + " with other values" + (changed.isEmpty() ? "" : " (e.g. " + examples(changed) + ")")
        + ", " + extra + " only in the file";
  }

  private static String examples(List<String> keys) {
    return String.join(", ", keys.subList(0, Math.min(EXAMPLES, keys.size())));
  }
}
