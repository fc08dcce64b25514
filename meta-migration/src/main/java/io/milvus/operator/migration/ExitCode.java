package io.milvus.operator.migration;

/** Upstream's exit codes, which the operator (and people) read. */
public enum ExitCode {
  /** Done, or nothing to do ("version compatible, no need to migrate"). */
  SUCCESS(0),
  /** Failed; for run: before its own backup was written (or without one). */
  FAILURE(1),
  /** run failed after writing its own backup ({@code cmd.runWithBackup}); restore it with rollback. */
  FAILURE_AFTER_BACKUP(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
