package io.milvus.operator.upgrade;

/**
 * One observed tool Job.
 *
 * @param detail why it failed, or how far it got, for messages
 */
public record TaskRun(JobOutcome outcome, String detail) {

  public static TaskRun running() {
    return new TaskRun(JobOutcome.RUNNING, "");
  }

  public static TaskRun succeeded() {
    return new TaskRun(JobOutcome.SUCCEEDED, "");
  }

  public static TaskRun failed(String detail) {
    return new TaskRun(JobOutcome.FAILED, detail);
  }
}
