package io.milvus.operator.migration.command;

import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.run.BackupPolicy;
import io.milvus.operator.migration.support.MigrationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cmd.type: backup}: a consistent dump of the meta root at one revision. Writes nothing to etcd, and replaces
 * an existing backup file only with a backup of plain 2.1 metadata (see {@link BackupPolicy}).
 */
public final class BackupCommand {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

  private BackupCommand() {}

  public static void execute(MigrationConfig config, WriteHook hook, Clock clock) {
    Path file = Requirements.backupFile(config);
    try (EtcdSession session = EtcdSession.open(config.etcd(), hook, clock)) {
      StoreSnapshot snapshot = session.store().read(session.root().prefix());
      LOG.info("read {} keys under {}/ at revision {}", snapshot.entries().size(), session.root(),
          snapshot.revision());
      Requirements.someMetadata(snapshot.nonLeased(), session.root());
      BackupPolicy.whyNotReplace(snapshot.keyspace(session.root()), Files.exists(file)).ifPresent(why -> {
        throw new MigrationException("refusing to write " + file + ": " + why);
      });
      BackupWriter.write(snapshot, session.root(), file);
    }
  }
}
