package io.milvus.operator.migration.command;

import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.etcd.WriteHook;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cmd.type: backup}: a consistent dump of the meta root at one revision. Writes nothing to etcd. */
public final class BackupCommand {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

  private BackupCommand() {}

  public static void execute(MigrationConfig config, WriteHook hook) {
    Path file = Requirements.backupFile(config);
    try (EtcdSession session = EtcdSession.open(config.etcd(), hook)) {
      StoreSnapshot snapshot = session.store().read(session.root().prefix());
      LOG.info("read {} keys under {}/ at revision {}", snapshot.entries().size(), session.root(),
          snapshot.revision());
      if (snapshot.nonLeased().isEmpty()) {
        LOG.warn("there is no metadata at all under {}/: check etcd.rootPath and etcd.metaSubPath", session.root());
      }
      BackupWriter.write(snapshot, session.root(), file);
    }
  }
}
