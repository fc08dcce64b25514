package io.milvus.operator.upgrade;

import static io.milvus.operator.upgrade.Fixtures.SOURCE_IMAGE;
import static io.milvus.operator.upgrade.Fixtures.TARGET_IMAGE;
import static io.milvus.operator.upgrade.Fixtures.UPGRADE;
import static io.milvus.operator.upgrade.Fixtures.decide;
import static io.milvus.operator.upgrade.Fixtures.jobs;
import static io.milvus.operator.upgrade.Fixtures.spec;
import static io.milvus.operator.upgrade.Fixtures.status;
import static io.milvus.operator.upgrade.UpgradeState.BACKUP_META;
import static io.milvus.operator.upgrade.UpgradeState.BACKUP_META_FAILED;
import static io.milvus.operator.upgrade.UpgradeState.NEW_VERSION_STARTING;
import static io.milvus.operator.upgrade.UpgradeState.OLD_VERSION_STOPPING;
import static io.milvus.operator.upgrade.UpgradeState.PENDING;
import static io.milvus.operator.upgrade.UpgradeState.ROLLBACK_FAILED;
import static io.milvus.operator.upgrade.UpgradeState.ROLLBACK_NEW_VERSION_STOPPING;
import static io.milvus.operator.upgrade.UpgradeState.ROLLBACK_OLD_VERSION_STARTING;
import static io.milvus.operator.upgrade.UpgradeState.ROLLBACK_RESTORING_OLD_META;
import static io.milvus.operator.upgrade.UpgradeState.ROLLBACK_SUCCEEDED;
import static io.milvus.operator.upgrade.UpgradeState.SUCCEEDED;
import static io.milvus.operator.upgrade.UpgradeState.UPDATE_META_FAILED;
import static io.milvus.operator.upgrade.UpgradeState.UPDATING_META;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import io.milvus.operator.upgrade.Fixtures.View;
import io.milvus.operator.upgrade.UpgradeAction.MarkStopped;
import io.milvus.operator.upgrade.UpgradeAction.ReleaseMilvus;
import io.milvus.operator.upgrade.UpgradeAction.RunTask;
import io.milvus.operator.upgrade.UpgradeAction.StartMilvus;
import io.milvus.operator.upgrade.UpgradeAction.StopMilvus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of the MilvusUpgrade state machine, one row each: given status and world → state and actions. */
class UpgradeMachineTest {

  static final Duration LONG_AGO = Duration.ofMinutes(2);
  static final String BACKUP_1 = UPGRADE + "-backup-meta-1";
  static final String BACKUP_2 = UPGRADE + "-backup-meta-2";
  static final String MIGRATE = UPGRADE + "-update-meta";
  static final String RESTORE = UPGRADE + "-rollback-meta";
  static final Map<String, TaskRun> NO_JOBS = Map.of();

  /**
   * @param actions the Milvus and Job actions expected, in order (Events are left out)
   */
  record Row(String story, MilvusUpgradeSpec spec, MilvusUpgradeStatus status, View milvus, Map<String, TaskRun> jobs,
      UpgradeState expected, List<Object> actions) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Row row(String story, MilvusUpgradeStatus status, View milvus, Map<String, TaskRun> jobs,
      UpgradeState expected, Object... actions) {
    return new Row(story, spec(), status, milvus, jobs, expected, List.of(actions));
  }

  static Row row(String story, MilvusUpgradeSpec spec, MilvusUpgradeStatus status, View milvus,
      Map<String, TaskRun> jobs, UpgradeState expected, Object... actions) {
    return new Row(story, spec, status, milvus, jobs, expected, List.of(actions));
  }

  static Stream<Row> transitions() {
    MilvusUpgradeSpec rollback = spec(s -> s.setOperation("rollback"));
    MilvusUpgradeSpec noRollback = spec(s -> s.setRollbackIfFailed(false));
    MilvusUpgradeSpec noRetry = spec(s -> s.setMaxRetry(0));
    return Stream.of(
        // Pending
        row("pending: records the replicas and stops Milvus", status(PENDING), View.running(), NO_JOBS,
            OLD_VERSION_STOPPING, StopMilvus.class),
        row("pending + rollback: nothing was touched, nothing to roll back", rollback, status(PENDING), View.running(),
            NO_JOBS, ROLLBACK_SUCCEEDED),
        // OldVersionStopping
        row("stopping: the stop has not reached the spec yet, stop again", status(OLD_VERSION_STOPPING),
            View.running(), NO_JOBS, OLD_VERSION_STOPPING, StopMilvus.class),
        row("stopping: pods still there, wait for the Deployment", status(OLD_VERSION_STOPPING), View.stopping(),
            NO_JOBS, OLD_VERSION_STOPPING),
        row("stopping: all pods gone, mark the time", status(OLD_VERSION_STOPPING), View.stoppedUnmarked(), NO_JOBS,
            OLD_VERSION_STOPPING, MarkStopped.class),
        row("stopping: sessions may still be alive, wait", status(OLD_VERSION_STOPPING),
            View.stoppedFor(Duration.ofSeconds(30)), NO_JOBS, OLD_VERSION_STOPPING),
        row("stopping: sessions expired, back up", status(OLD_VERSION_STOPPING), View.stoppedFor(LONG_AGO), NO_JOBS,
            BACKUP_META, RunTask.class),
        row("stopping: an unreadable mark counts as expired, as upstream", status(OLD_VERSION_STOPPING),
            View.stopping().running(List.of()).stoppedAt(java.util.Optional.of("yesterday")), NO_JOBS, BACKUP_META,
            RunTask.class),
        // BackupMeta
        row("backup: no Job yet, create attempt 1", status(BACKUP_META), View.stoppedFor(LONG_AGO), NO_JOBS,
            BACKUP_META, new RunTask(TaskKind.BACKUP, 1)),
        row("backup: Job running, wait", status(BACKUP_META), View.stoppedFor(LONG_AGO),
            jobs(BACKUP_1, TaskRun.running()), BACKUP_META),
        row("backup: done, migrate", status(BACKUP_META), View.stoppedFor(LONG_AGO),
            jobs(BACKUP_1, TaskRun.succeeded()), UPDATING_META, new RunTask(TaskKind.MIGRATE, 1)),
        row("backup: failed, retry as attempt 2", status(BACKUP_META), View.stoppedFor(LONG_AGO),
            jobs(BACKUP_1, TaskRun.failed("Error")), BACKUP_META, new RunTask(TaskKind.BACKUP, 2)),
        row("backup: attempt 2 is judged by its own Job, not by attempt 1's", status(BACKUP_META,
                s -> s.setRetriedTimes(1)), View.stoppedFor(LONG_AGO),
            jobs(BACKUP_1, TaskRun.failed("Error"), BACKUP_2, TaskRun.running()), BACKUP_META),
        row("backup: maxRetry 0 allows one attempt, then rolls back (nothing to restore)", noRetry, status(BACKUP_META),
            View.stoppedFor(LONG_AGO), jobs(BACKUP_1, TaskRun.failed("Error")), ROLLBACK_OLD_VERSION_STARTING,
            StartMilvus.class),
        // BakupMetaFailed
        row("backup failed: retries left, next attempt", status(BACKUP_META_FAILED, s -> s.setRetriedTimes(2)),
            View.stoppedFor(LONG_AGO), jobs(BACKUP_1, TaskRun.failed("Error")), BACKUP_META,
            new RunTask(TaskKind.BACKUP, 4)),
        row("backup failed: 4th failure with maxRetry 3 rolls back", status(BACKUP_META_FAILED,
                s -> s.setRetriedTimes(3)), View.stoppedFor(LONG_AGO), NO_JOBS, ROLLBACK_OLD_VERSION_STARTING,
            StartMilvus.class),
        row("backup failed, rollbackIfFailed false: stays, Milvus stays stopped", noRollback,
            status(BACKUP_META_FAILED, s -> s.setRetriedTimes(3)), View.stoppedFor(LONG_AGO), NO_JOBS,
            BACKUP_META_FAILED),
        // UpdatingMeta
        row("migrate: no Job yet, create it", status(UPDATING_META, s -> s.setMetaBackedUp(true)),
            View.stoppedFor(LONG_AGO), NO_JOBS, UPDATING_META, new RunTask(TaskKind.MIGRATE, 1)),
        row("migrate: the Job vanished after it was started: create it again", status(UPDATING_META,
                s -> s.setMetaStorageChanged(true)), View.stoppedFor(LONG_AGO), NO_JOBS, UPDATING_META,
            new RunTask(TaskKind.MIGRATE, 1)),
        row("migrate: running, wait", status(UPDATING_META, s -> s.setMetaStorageChanged(true)),
            View.stoppedFor(LONG_AGO), jobs(MIGRATE, TaskRun.running()), UPDATING_META),
        row("migrate: done, start the target image", status(UPDATING_META, s -> s.setMetaStorageChanged(true)),
            View.stoppedFor(LONG_AGO), jobs(MIGRATE, TaskRun.succeeded()), NEW_VERSION_STARTING,
            StartMilvus.class),
        row("migrate: failed, never retried: roll back and restore", status(UPDATING_META, s -> {
              s.setMetaStorageChanged(true);
              s.setMetaBackedUp(true);
            }), View.stoppedFor(LONG_AGO), jobs(MIGRATE, TaskRun.failed("Error")), ROLLBACK_RESTORING_OLD_META,
            new RunTask(TaskKind.RESTORE, 1)),
        row("migrate failed, rollbackIfFailed false: stays", noRollback, status(UPDATE_META_FAILED, s -> {
              s.setMetaStorageChanged(true);
              s.setMetaBackedUp(true);
            }), View.stoppedFor(LONG_AGO), jobs(MIGRATE, TaskRun.failed("Error")), UPDATE_META_FAILED),
        // NewVersionStarting
        row("starting: not started yet, start the target", status(NEW_VERSION_STARTING), View.stoppedFor(LONG_AGO),
            NO_JOBS, NEW_VERSION_STARTING, StartMilvus.class),
        row("starting: started, not healthy yet, wait", status(NEW_VERSION_STARTING),
            View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), NO_JOBS, NEW_VERSION_STARTING),
        row("starting: healthy but still reporting the old image, wait", status(NEW_VERSION_STARTING),
            View.startedOn(TARGET_IMAGE, "Healthy", SOURCE_IMAGE), NO_JOBS, NEW_VERSION_STARTING),
        row("starting: healthy on the target: succeeded, permission released", status(NEW_VERSION_STARTING),
            View.startedOn(TARGET_IMAGE, "Healthy", TARGET_IMAGE).allowing(true), NO_JOBS, SUCCEEDED,
            ReleaseMilvus.class),
        row("starting: not healthy by the deadline, roll back", status(NEW_VERSION_STARTING,
                s -> s.setStateTransitionTime(Fixtures.NOW.minus(Duration.ofMinutes(11)).toString())),
            View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), NO_JOBS, ROLLBACK_NEW_VERSION_STOPPING,
            StopMilvus.class),
        row("starting: an unreadable transition time counts as long past: the deadline fires, roll back",
            status(NEW_VERSION_STARTING, s -> s.setStateTransitionTime("yesterday at noon")),
            View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), NO_JOBS, ROLLBACK_NEW_VERSION_STOPPING,
            StopMilvus.class),
        row("starting: a missing transition time counts as long past too", status(NEW_VERSION_STARTING,
                s -> s.setStateTransitionTime(null)),
            View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), NO_JOBS, ROLLBACK_NEW_VERSION_STOPPING,
            StopMilvus.class),
        row("starting: not healthy by the deadline, rollbackIfFailed false: keep waiting", noRollback,
            status(NEW_VERSION_STARTING, s -> s.setStateTransitionTime(
                Fixtures.NOW.minus(Duration.ofMinutes(11)).toString())),
            View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), NO_JOBS, NEW_VERSION_STARTING),
        row("starting: Milvus had no replicas before: it stays stopped, done", status(NEW_VERSION_STARTING,
                s -> s.setReplicasBeforeUpgrade(Fixtures.standaloneReplicas(0))),
            View.startedOn(TARGET_IMAGE, "Stopped", SOURCE_IMAGE).replicas(0), NO_JOBS, SUCCEEDED),
        // Succeeded
        row("succeeded: nothing to do", status(SUCCEEDED), View.startedOn(TARGET_IMAGE, "Healthy", TARGET_IMAGE),
            NO_JOBS, SUCCEEDED),
        // operation: rollback
        row("rollback during the backup: stop (already), nothing to restore, start the old image", rollback,
            status(BACKUP_META), View.stoppedFor(LONG_AGO), jobs(BACKUP_1, TaskRun.running()),
            ROLLBACK_OLD_VERSION_STARTING, StartMilvus.class),
        row("rollback after success: stop the new version first", rollback, status(SUCCEEDED, s -> {
              s.setMetaBackedUp(true);
              s.setMetaStorageChanged(true);
            }), View.startedOn(TARGET_IMAGE, "Healthy", TARGET_IMAGE), NO_JOBS, ROLLBACK_NEW_VERSION_STOPPING,
            StopMilvus.class),
        row("rollback is sticky: operation back to upgrade changes nothing", status(ROLLBACK_OLD_VERSION_STARTING,
                s -> s.setIsRollbacking(true)), View.startedOn(SOURCE_IMAGE, "Healthy", SOURCE_IMAGE), NO_JOBS,
            ROLLBACK_SUCCEEDED),
        // RollbackNewVersionStopping
        row("rollback stopping: waits for the pods like the first stop", status(ROLLBACK_NEW_VERSION_STOPPING,
            s -> s.setIsRollbacking(true)), View.stopping(), NO_JOBS, ROLLBACK_NEW_VERSION_STOPPING),
        // RollbackRestoringOldMeta
        row("restore: nothing was backed up (nor changed): skip the restore", status(ROLLBACK_RESTORING_OLD_META,
            s -> s.setIsRollbacking(true)), View.stoppedFor(LONG_AGO), NO_JOBS, ROLLBACK_OLD_VERSION_STARTING,
            StartMilvus.class),
        row("restore: the migration ran, restore the backup", status(ROLLBACK_RESTORING_OLD_META, s -> {
              s.setIsRollbacking(true);
              s.setMetaBackedUp(true);
              s.setMetaStorageChanged(true);
            }), View.stoppedFor(LONG_AGO), NO_JOBS, ROLLBACK_RESTORING_OLD_META, new RunTask(TaskKind.RESTORE, 1)),
        row("restore: done, start the old image", status(ROLLBACK_RESTORING_OLD_META, s -> {
              s.setIsRollbacking(true);
              s.setMetaBackedUp(true);
              s.setMetaStorageChanged(true);
            }), View.stoppedFor(LONG_AGO), jobs(RESTORE, TaskRun.succeeded()), ROLLBACK_OLD_VERSION_STARTING,
            StartMilvus.class),
        row("restore: failed, rollback failed, Milvus stays stopped", status(ROLLBACK_RESTORING_OLD_META, s -> {
              s.setIsRollbacking(true);
              s.setMetaBackedUp(true);
              s.setMetaStorageChanged(true);
            }), View.stoppedFor(LONG_AGO), jobs(RESTORE, TaskRun.failed("Error")), ROLLBACK_FAILED),
        row("restore: the migration ran but no backup exists: cannot restore", status(ROLLBACK_RESTORING_OLD_META,
            s -> {
              s.setIsRollbacking(true);
              s.setMetaStorageChanged(true);
            }), View.stoppedFor(LONG_AGO), NO_JOBS, ROLLBACK_FAILED),
        // RollbackOldVersionStarting
        row("rollback starting: healthy on the old image: rolled back", status(ROLLBACK_OLD_VERSION_STARTING,
            s -> s.setIsRollbacking(true)), View.startedOn(SOURCE_IMAGE, "Healthy", SOURCE_IMAGE), NO_JOBS,
            ROLLBACK_SUCCEEDED),
        row("rollback starting: not healthy by the deadline: keeps waiting, says so", status(
                ROLLBACK_OLD_VERSION_STARTING, s -> {
                  s.setIsRollbacking(true);
                  s.setStateTransitionTime(Fixtures.NOW.minus(Duration.ofMinutes(11)).toString());
                }), View.startedOn(SOURCE_IMAGE, "Unhealthy", SOURCE_IMAGE), NO_JOBS,
            ROLLBACK_OLD_VERSION_STARTING),
        // RollbackFailed
        row("rollback failed: terminal, touches nothing", status(ROLLBACK_FAILED, s -> s.setIsRollbacking(true)),
            View.stoppedFor(LONG_AGO), NO_JOBS, ROLLBACK_FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transition(Row row) {
    Decision decision = decide(row.spec(), row.status(), row.milvus(), row.jobs());

    assertThat(UpgradeState.of(decision.status().getState())).isEqualTo(row.expected());
    List<UpgradeAction> done = decision.actions().stream().filter(a -> !(a instanceof UpgradeAction.Announce)).toList();
    assertThat(done).as("actions").hasSameSizeAs(row.actions());
    for (int i = 0; i < done.size(); i++) {
      Object expected = row.actions().get(i);
      if (expected instanceof Class<?> type) {
        assertThat(done.get(i)).isInstanceOf(type);
      } else {
        assertThat(done.get(i)).isEqualTo(expected);
      }
    }
  }
}
