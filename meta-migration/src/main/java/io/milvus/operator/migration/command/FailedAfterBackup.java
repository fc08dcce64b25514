package io.milvus.operator.migration.command;

import io.milvus.operator.migration.support.MigrationException;

/** A run failed after its own backup was safely written: upstream signals this with exit code 2. */
public final class FailedAfterBackup extends MigrationException {
  public FailedAfterBackup(MigrationException cause) {
    super(cause.getMessage(), cause);
  }
}
