package io.milvus.operator.migration.command;

import io.milvus.operator.migration.support.MigrationException;

/** A run failed after its own backup was safely written: upstream signals this with exit code 2. */
public final class FailedAfterBackup extends MigrationException {
  public FailedAfterBackup(RuntimeException cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }

  /** True when the cause is a bug rather than an explained failure: its stack trace is worth logging. */
  public boolean unexpected() {
    return !(getCause() instanceof MigrationException);
  }
}
