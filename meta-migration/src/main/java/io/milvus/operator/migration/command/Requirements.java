package io.milvus.operator.migration.command;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.support.MigrationException;
import java.nio.file.Path;
import java.util.Map;

/** Config values a command cannot do without. */
final class Requirements {
  private Requirements() {}

  static Path backupFile(MigrationConfig config) {
    return config.backupFilePath().orElseThrow(() -> new MigrationException(
        "config.backupFilePath is not set; " + config.command().configName() + " needs it"));
  }

  /** A root without metadata is almost always a typo in etcd.rootPath: nothing to back up or migrate is an error. */
  static void someMetadata(Map<ByteString, ByteString> nonLeased, MetaRoot root) {
    if (nonLeased.isEmpty()) {
      throw new MigrationException("there is no metadata under " + root + "/: check etcd.rootPath and "
          + "etcd.metaSubPath (Milvus keeps its metadata under <rootPath>/<metaSubPath>/); nothing was written");
    }
  }
}
