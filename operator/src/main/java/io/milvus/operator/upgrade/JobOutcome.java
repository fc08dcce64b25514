package io.milvus.operator.upgrade;

/** Where a tool Job stands. */
public enum JobOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Being deleted: neither a result nor gone yet. */
  TERMINATING
}
