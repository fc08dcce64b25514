package io.milvus.operator.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * BackupMeta, BakupMetaFailed, UpdatingMeta and RollbackRestoringOldMeta: run a tool Job and follow it. A Job that is
 * missing is created (again), so no state can get stuck on a Job that was never made or has vanished.
 */
final class TaskStep {

  private TaskStep() {}

  static boolean backup(Step step) {
    Draft d = step.draft();
    int attempt = d.retried() + 1;
    int attempts = step.maxRetry() + 1;
    String job = TaskKind.BACKUP.jobName(step.upgrade(), attempt);
    d.status.setBackupPVC(step.backupPvc());
    TaskRun run = step.world().jobs().get(job);
    String ofAttempts = " (attempt " + attempt + " of " + attempts + ")";
    if (run == null) {
      d.act(new UpgradeAction.RunTask(TaskKind.BACKUP, attempt));
      d.explain("Backing up the metadata to " + step.backupLocation() + " with Job " + job + ofAttempts);
      return false;
    }
    switch (run.outcome()) {
      case SUCCEEDED -> {
        d.status.setMetaBackedUp(true);
        d.moveTo(UpgradeState.UPDATING_META, false, "Backed up the metadata to " + step.backupLocation()
            + "; migrating it to " + layout(step), true);
        return true;
      }
      case FAILED -> {
        d.moveTo(UpgradeState.BACKUP_META_FAILED, true, "Backup Job " + job + " failed" + ofAttempts + detail(run),
            false);
        return true;
      }
      default -> {
        d.explain("Backing up the metadata to " + step.backupLocation() + ": Job " + job + " is running" + ofAttempts);
        return false;
      }
    }
  }

  /** Upstream's retry rule: maxRetry 3 means 4 attempts in all. */
  static boolean backupFailed(Step step) {
    Draft d = step.draft();
    int failures = d.retried() + 1;
    if (failures > step.maxRetry()) {
      return UpgradeMachine.fail(step, "the backup of the metadata failed " + failures + " time(s) (maxRetry "
          + step.maxRetry() + ")", true);
    }
    d.status.setRetriedTimes(failures);
    d.moveTo(UpgradeState.BACKUP_META, false, "Retrying the backup (attempt " + (failures + 1) + " of "
        + (step.maxRetry() + 1) + ")", false);
    return true;
  }

  /** The migration runs once: a failed one is not retried (upstream's rule), it leads to the rollback. */
  static boolean migrate(Step step) {
    Draft d = step.draft();
    String job = TaskKind.MIGRATE.jobName(step.upgrade(), 1);
    String what = "Migrating the metadata of Milvus " + step.milvus().displayName() + " from "
        + MigrationToolConfig.toolSourceVersion(step.spec().getSourceVersion()) + " to " + layout(step) + " with Job "
        + job;
    TaskRun run = step.world().jobs().get(job);
    if (run == null) {
      if (Draft.isTrue(d.status.getMetaStorageChanged())) {
        d.announce(true, "TaskJobMissing", "Job " + job + " does not exist although the migration was started:"
            + " creating it again", false);
      }
      d.status.setMetaStorageChanged(true);
      d.act(new UpgradeAction.RunTask(TaskKind.MIGRATE, 1));
      d.explain(what);
      return false;
    }
    switch (run.outcome()) {
      case SUCCEEDED -> {
        d.moveTo(UpgradeState.NEW_VERSION_STARTING, false, "Migrated the metadata; starting "
            + step.spec().getTargetImage(), true);
        return true;
      }
      case FAILED -> {
        d.moveTo(UpgradeState.UPDATE_META_FAILED, true, "Migration Job " + job + " failed" + detail(run), true);
        return true;
      }
      default -> {
        d.explain(what + ": running");
        return false;
      }
    }
  }

  static boolean migrateFailed(Step step) {
    return UpgradeMachine.fail(step, "the migration of the metadata failed", true);
  }

  /**
   * Restores the backup only if the migration may have changed the metadata: untouched metadata needs no restore,
   * and skipping it removes a way for the rollback to fail.
   */
  static boolean restore(Step step) {
    Draft d = step.draft();
    if (!Draft.isTrue(d.status.getMetaStorageChanged())) {
      d.moveTo(UpgradeState.ROLLBACK_OLD_VERSION_STARTING, false, "The metadata was not changed: nothing to restore;"
          + " starting " + d.status.getSourceImage(), true);
      return true;
    }
    if (!Draft.isTrue(d.status.getMetaBackedUp())) {
      d.moveTo(UpgradeState.ROLLBACK_FAILED, true, "The metadata may have been changed but there is no backup to"
          + " restore", true);
      return true;
    }
    String job = TaskKind.RESTORE.jobName(step.upgrade(), 1);
    TaskRun run = step.world().jobs().get(job);
    String what = "Restoring the metadata from " + step.backupLocation() + " with Job " + job;
    if (run == null) {
      Optional<Instant> lockFree = migrationLockFree(step);
      if (lockFree.isPresent() && d.now.isBefore(lockFree.get())) {
        d.explain("Waiting until " + lockFree.get() + " to restore the metadata: the migration Job failed, and a "
            + "migration Pod that was killed leaves its lock in etcd until the lock's lease expires");
        d.recheckAfter(Duration.between(d.now, lockFree.get()));
        return false;
      }
      d.act(new UpgradeAction.RunTask(TaskKind.RESTORE, 1));
      d.announce(false, "RestoringMeta", what, true);
      d.explain(what);
      return false;
    }
    switch (run.outcome()) {
      case SUCCEEDED -> {
        d.moveTo(UpgradeState.ROLLBACK_OLD_VERSION_STARTING, false, "Restored the metadata; starting "
            + d.status.getSourceImage(), true);
        return true;
      }
      case FAILED -> {
        d.moveTo(UpgradeState.ROLLBACK_FAILED, true, "Restore Job " + job + " failed" + detail(run), true);
        return true;
      }
      default -> {
        d.explain(what + ": running");
        return false;
      }
    }
  }

  /**
   * When the lock of a failed migration run is surely gone: a Pod killed by the kernel cannot release it, and etcd
   * removes it only when its lease expires (60 s in upstream's tool and ours, like the sessions of Milvus pods). Our
   * tool waits for such a lock by itself; upstream's refuses at once, so the restore Job starts only after that.
   */
  private static Optional<Instant> migrationLockFree(Step step) {
    TaskRun migration = step.world().jobs().get(TaskKind.MIGRATE.jobName(step.upgrade(), 1));
    if (migration == null || migration.outcome() != JobOutcome.FAILED) {
      return Optional.empty();
    }
    return migration.endedAt().map(ended -> ended.plus(step.settings().sessionExpiry()));
  }

  /** "2.2.14", or "2.2.0 (the metadata layout of v2.4.23)" when the tool is given 2.2.0 for a later target. */
  private static String layout(Step step) {
    String target = step.spec().getTargetVersion();
    String tool = MigrationToolConfig.toolTargetVersion(target);
    return tool.equals(MigrationToolConfig.toolSourceVersion(target)) ? tool
        : tool + " (the metadata layout of " + target + ")";
  }

  private static String detail(TaskRun run) {
    return run.detail() == null || run.detail().isBlank() ? "" : ": " + run.detail();
  }
}
