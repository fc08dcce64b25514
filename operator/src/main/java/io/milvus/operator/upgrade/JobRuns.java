package io.milvus.operator.upgrade;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Pure: reading tool Jobs. */
public final class JobRuns {

  private JobRuns() {}

  public static TaskRun of(Job job) {
    if (job.getMetadata().getDeletionTimestamp() != null) {
      return new TaskRun(JobOutcome.TERMINATING, "being deleted");
    }
    List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
        : job.getStatus().getConditions();
    for (JobCondition c : conditions) {
      if (!"True".equals(c.getStatus())) {
        continue;
      }
      if ("Complete".equals(c.getType())) {
        return withEnd(TaskRun.succeeded(), c);
      }
      if ("Failed".equals(c.getType())) {
        String why = c.getReason() == null ? "" : c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
        return withEnd(TaskRun.failed(why + "; see kubectl logs job/" + job.getMetadata().getName()), c);
      }
    }
    return TaskRun.running();
  }

  private static TaskRun withEnd(TaskRun run, JobCondition condition) {
    try {
      return condition.getLastTransitionTime() == null ? run : run.endedAt(Instant.parse(condition.getLastTransitionTime()));
    } catch (DateTimeParseException e) {
      return run;
    }
  }

  /**
   * The Job the saved status is waiting for, if any. A Job is only created after the status naming it was saved, so
   * this is the only Job whose absence from a lagging cache must be checked against the API server.
   */
  public static Optional<String> awaited(String upgrade, MilvusUpgradeStatus status) {
    if (status == null) {
      return Optional.empty();
    }
    int attempt = (status.getRetriedTimes() == null ? 0 : status.getRetriedTimes()) + 1;
    return switch (UpgradeState.of(status.getState())) {
      case BACKUP_META, BACKUP_META_FAILED -> Optional.of(TaskKind.BACKUP.jobName(upgrade, attempt));
      case UPDATING_META, UPDATE_META_FAILED -> Optional.of(TaskKind.MIGRATE.jobName(upgrade, 1));
      case ROLLBACK_RESTORING_OLD_META -> Optional.of(TaskKind.RESTORE.jobName(upgrade, 1));
      default -> Optional.empty();
    };
  }
}
