package io.milvus.operator.upgrade;

import java.time.Instant;
import java.util.Optional;

/**
 * One observed tool Job.
 *
 * @param detail why it failed, or how far it got, for messages
 * @param endedAt when it succeeded or failed (its condition's transition time), if known
 */
public record TaskRun(JobOutcome outcome, String detail, Optional<Instant> endedAt) {

  public TaskRun(JobOutcome outcome, String detail) {
    this(outcome, detail, Optional.empty());
  }

  public static TaskRun running() {
    return new TaskRun(JobOutcome.RUNNING, "");
  }

  public static TaskRun succeeded() {
    return new TaskRun(JobOutcome.SUCCEEDED, "");
  }

  public static TaskRun failed(String detail) {
    return new TaskRun(JobOutcome.FAILED, detail);
  }

  public TaskRun endedAt(Instant at) {
    return new TaskRun(outcome, detail, Optional.of(at));
  }
}
