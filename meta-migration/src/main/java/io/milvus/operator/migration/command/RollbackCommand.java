package io.milvus.operator.migration.command;

import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.backup.LoadedBackup;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.EtcdMetaStore;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.etcd.Mutation;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.run.RestorePlan;
import io.milvus.operator.migration.run.RestorePlanner;
import io.milvus.operator.migration.support.IoErrors;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cmd.type: rollback}: makes the metadata exactly what the backup holds. Safe to repeat. */
public final class RollbackCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RollbackCommand.class);
  static final String RESTORE = "restore backed-up keys";
  static final String DELETE_EXTRA = "delete keys the backup does not have";

  private RollbackCommand() {}

  public static void execute(MigrationConfig config, WriteHook hook, Clock clock) {
    Path file = Requirements.backupFile(config);
    if (config.etcd().metaSubPath().isBlank()) {
      throw new MigrationException("etcd.metaSubPath is empty: a rollback would make everything under "
          + config.etcd().metaRoot() + "/ (the kv path too) equal to the backup; set it (Milvus' default is meta)");
    }
    LoadedBackup loaded = load(file);
    BackupFile backup = loaded.backup();
    LOG.info("backup {}: {} entries, instance '{}', meta path '{}', {}", file, backup.entries().size(),
        backup.instance(), backup.metaPath(), backup.entriesIncludeRootPath()
            ? "a full dump (the keyspace will equal it)"
            : "early format with 2.1 records only (only the 2.1 and 2.2 layout keys are replaced)");
    RestorePlanner.checkBelongsTo(backup, config.etcd().metaRoot());
    if (loaded.digestVerified()) {
      LOG.info("backup {}: content digest verified", file);
    } else {
      LOG.warn("backup {} carries no content digest (written by upstream's tool or an earlier version of this one):"
          + " its entry count matches its header, but its content could not be verified", file);
    }
    try (EtcdSession session = EtcdSession.open(config.etcd(), hook, clock)) {
      EtcdMetaStore store = session.store();
      MetaRoot root = session.root();
      RestorePlan plan = plan(backup, store, root);
      plan.notes().forEach(note -> LOG.info("note: {}", note));
      LOG.info("rollback: {} keys to restore, {} keys to delete", plan.puts().size(), plan.deletes().size());
      store.apply(RESTORE, plan.puts().entrySet().stream()
          .<Mutation>map(e -> new Mutation.Put(e.getKey(), e.getValue())).toList());
      store.apply(DELETE_EXTRA, plan.deletes().stream().<Mutation>map(Mutation.Delete::new).toList());
      RestorePlan left = plan(backup, store, root);
      if (!left.isEmpty()) {
        throw new MigrationException("verification failed: after restoring, " + left.puts().size()
            + " keys still differ and " + left.deletes().size() + " extra keys remain; was something else writing?");
      }
      LOG.info("verified: the metadata under {}/ matches the backup", root);
    }
  }

  private static RestorePlan plan(BackupFile backup, EtcdMetaStore store, MetaRoot root) {
    StoreSnapshot current = store.read(root.prefix());
    return RestorePlanner.plan(backup, root.path(), current.nonLeased(), current.leasedKeys());
  }

  private static LoadedBackup load(Path file) {
    try {
      return BackupFiles.read(file);
    } catch (IOException e) {
      throw new MigrationException("cannot use the backup file " + file + ": " + IoErrors.describe(e, file)
          + "; nothing was restored", e);
    }
  }
}
