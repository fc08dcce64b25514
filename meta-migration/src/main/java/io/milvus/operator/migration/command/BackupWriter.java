package io.milvus.operator.migration.command;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.etcd.StoreSnapshot;
import io.milvus.operator.migration.support.IoErrors;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a snapshot as a full-dump backup; leased keys (sessions, our lock) are left out, as upstream does. */
final class BackupWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);

  private BackupWriter() {}

  /** The whole snapshot minus its leased keys, each of which is named in the log. */
  static BackupFile write(StoreSnapshot snapshot, MetaRoot root, Path file) {
    for (ByteString key : snapshot.leasedKeys()) {
      LOG.info("backup: leaving out leased key {} (a live session)", key.toStringUtf8());
    }
    return write(snapshot.nonLeased(), snapshot.revision(), root, file);
  }

  static BackupFile write(SortedMap<ByteString, ByteString> entries, long revision, MetaRoot root, Path file) {
    BackupFile backup = BackupFile.fullDump(root.path(), entries);
    try {
      long bytes = BackupFiles.save(backup, file);
      LOG.info("backup: wrote {} keys of revision {} to {} ({} bytes, sha256 {})", backup.entries().size(),
          revision, file, bytes, backup.digest());
      return backup;
    } catch (IOException e) {
      throw new MigrationException("cannot write the backup file " + file + ": " + IoErrors.describe(e, file)
          + " (no partial file was left behind)", e);
    }
  }
}
