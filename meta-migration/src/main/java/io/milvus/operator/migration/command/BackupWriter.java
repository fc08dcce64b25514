package io.milvus.operator.migration.command;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a snapshot as a full-dump backup; leased keys (sessions, our lock) are left out, as upstream does. */
final class BackupWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);

  private BackupWriter() {}

  static void write(StoreSnapshot snapshot, MetaRoot root, Path file) {
    for (ByteString key : snapshot.leasedKeys()) {
      LOG.info("backup: leaving out leased key {} (a live session)", key.toStringUtf8());
    }
    BackupFile backup = BackupFile.fullDump(root.path(), snapshot.nonLeased());
    try {
      long bytes = BackupFiles.save(backup, file);
      LOG.info("backup: wrote {} keys of revision {} to {} ({} bytes)", backup.entries().size(),
          snapshot.revision(), file, bytes);
    } catch (IOException e) {
      throw new MigrationException("cannot write the backup file " + file + ": " + e.getMessage(), e);
    }
  }
}
