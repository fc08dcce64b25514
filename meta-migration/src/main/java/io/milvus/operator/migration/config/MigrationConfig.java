package io.milvus.operator.migration.config;

import io.milvus.operator.migration.version.SemVer;
import java.nio.file.Path;
import java.util.Optional;

/** Everything one invocation needs; built from the YAML file by {@link ConfigParser} or directly in-process. */
public record MigrationConfig(Command command, boolean runWithBackup, SemVer sourceVersion, SemVer targetVersion,
    Optional<Path> backupFilePath, EtcdConfig etcd) {

  public MigrationConfig withCommand(Command value) {
    return new MigrationConfig(value, runWithBackup, sourceVersion, targetVersion, backupFilePath, etcd);
  }

  public MigrationConfig withRunWithBackup(boolean value) {
    return new MigrationConfig(command, value, sourceVersion, targetVersion, backupFilePath, etcd);
  }

  public MigrationConfig withEtcd(EtcdConfig value) {
    return new MigrationConfig(command, runWithBackup, sourceVersion, targetVersion, backupFilePath, value);
  }

  public MigrationConfig withBackupFilePath(Path value) {
    return new MigrationConfig(command, runWithBackup, sourceVersion, targetVersion, Optional.of(value), etcd);
  }
}
