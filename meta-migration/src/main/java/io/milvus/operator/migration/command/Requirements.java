package io.milvus.operator.migration.command;

import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.support.MigrationException;
import java.nio.file.Path;

/** Config values a command cannot do without. */
final class Requirements {
  private Requirements() {}

  static Path backupFile(MigrationConfig config) {
    return config.backupFilePath().orElseThrow(() -> new MigrationException(
        "config.backupFilePath is not set; " + config.command().configName() + " needs it"));
  }
}
