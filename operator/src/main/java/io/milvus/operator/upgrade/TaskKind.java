package io.milvus.operator.upgrade;

/** The three runs of the meta-migration tool, named as upstream names their objects ({@code <upgrade>-<kind>}). */
public enum TaskKind {
  BACKUP("backup-meta", "backup", "back up the metadata"),
  MIGRATE("update-meta", "run", "migrate the metadata"),
  RESTORE("rollback-meta", "rollback", "restore the metadata from the backup");

  private final String label;
  private final String command;
  private final String purpose;

  TaskKind(String label, String command, String purpose) {
    this.label = label;
    this.command = command;
    this.purpose = purpose;
  }

  /** The value of the label {@code milvus.io/task-kind} and the suffix of the ConfigMap name. */
  public String label() {
    return label;
  }

  /** The tool's {@code cmd.type}. */
  public String command() {
    return command;
  }

  public String purpose() {
    return purpose;
  }

  /** The ConfigMap holding this task's {@code migration.yaml}: one per kind, shared by the attempts. */
  public String configName(String upgrade) {
    return upgrade + "-" + label;
  }

  /**
   * The Job of one attempt. Backups are retried under a new name per attempt, so a failed Job that is still
   * terminating can never be mistaken for the next attempt; the other tasks run once.
   */
  public String jobName(String upgrade, int attempt) {
    return this == BACKUP ? upgrade + "-" + label + "-" + attempt : upgrade + "-" + label;
  }
}
