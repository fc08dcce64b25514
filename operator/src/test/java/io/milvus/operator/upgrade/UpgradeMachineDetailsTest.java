package io.milvus.operator.upgrade;

import static io.milvus.operator.upgrade.Fixtures.NOW;
import static io.milvus.operator.upgrade.Fixtures.SOURCE_IMAGE;
import static io.milvus.operator.upgrade.Fixtures.TARGET_IMAGE;
import static io.milvus.operator.upgrade.Fixtures.UPGRADE;
import static io.milvus.operator.upgrade.Fixtures.decide;
import static io.milvus.operator.upgrade.Fixtures.jobs;
import static io.milvus.operator.upgrade.Fixtures.spec;
import static io.milvus.operator.upgrade.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import io.milvus.operator.upgrade.Fixtures.View;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the transitions record, announce and ask for, beyond the next state. */
class UpgradeMachineDetailsTest {

  static final View STOPPED = View.stoppedFor(Duration.ofMinutes(2));

  @Test
  void maxRetry3MeansFourBackupAttemptsThenRollback() {
    MilvusUpgradeStatus status = status(UpgradeState.BACKUP_META);
    Map<String, TaskRun> jobs = new LinkedHashMap<>();
    List<String> attempts = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      Decision d = decide(status, STOPPED, jobs);
      status = d.status();
      for (UpgradeAction a : d.actions()) {
        if (a instanceof UpgradeAction.RunTask run && run.kind() == TaskKind.BACKUP) {
          String job = TaskKind.BACKUP.jobName(UPGRADE, run.attempt());
          attempts.add(job);
          jobs.put(job, TaskRun.failed("Error"));
        }
      }
      if (UpgradeState.of(status.getState()) != UpgradeState.BACKUP_META) {
        break;
      }
    }

    assertThat(attempts).containsExactly(UPGRADE + "-backup-meta-1", UPGRADE + "-backup-meta-2",
        UPGRADE + "-backup-meta-3", UPGRADE + "-backup-meta-4");
    assertThat(status.getRetriedTimes()).isEqualTo(3);
    assertThat(status.getIsRollbacking()).isTrue();
    assertThat(UpgradeState.of(status.getState())).isEqualTo(UpgradeState.ROLLBACK_OLD_VERSION_STARTING);
  }

  @Test
  void theRestoreWaitsUntilTheLockOfAKilledMigrationPodHasExpired() {
    MilvusUpgradeStatus restoring = status(UpgradeState.ROLLBACK_RESTORING_OLD_META, s -> {
      s.setMetaStorageChanged(true);
      s.setMetaBackedUp(true);
    });
    String migrate = TaskKind.MIGRATE.jobName(UPGRADE, 1);

    Decision early = decide(restoring, STOPPED, jobs(migrate, TaskRun.failed("Error").endedAt(NOW.minusSeconds(10))));
    assertThat(early.actions()).noneMatch(a -> a instanceof UpgradeAction.RunTask);
    assertThat(early.recheckAfter()).contains(Duration.ofSeconds(50)); // the 1-minute session expiry
    assertThat(message(early)).contains("lock");

    Decision later = decide(restoring, STOPPED, jobs(migrate, TaskRun.failed("Error").endedAt(NOW.minusSeconds(61))));
    assertThat(later.actions()).contains(new UpgradeAction.RunTask(TaskKind.RESTORE, 1));
  }

  @Test
  void theFirstStopRecordsReplicasAndImageOnce() {
    Decision first = decide(status(UpgradeState.PENDING), View.running().replicas(3), Map.of());

    assertThat(first.status().getReplicasBeforeUpgrade().getStandalone()).isEqualTo(3);
    assertThat(first.status().getSourceImage()).isEqualTo(SOURCE_IMAGE);
    assertThat(first.actions()).anySatisfy(a -> assertThat(a).isInstanceOf(UpgradeAction.StopMilvus.class));

    Decision later = decide(first.status(), View.stopping().replicas(0), Map.of());
    assertThat(later.status().getReplicasBeforeUpgrade().getStandalone()).as("never re-recorded from a stopped Milvus")
        .isEqualTo(3);
  }

  @Test
  void stoppingWaitsForTheEtcdSessionsByTime() {
    Decision unmarked = decide(status(UpgradeState.OLD_VERSION_STOPPING), View.stoppedUnmarked(), Map.of());
    assertThat(unmarked.actions()).contains(new UpgradeAction.MarkStopped(NOW));
    assertThat(unmarked.recheckAfter()).contains(Duration.ofMinutes(1));

    Decision marked = decide(status(UpgradeState.OLD_VERSION_STOPPING), View.stoppedFor(Duration.ofSeconds(45)),
        Map.of());
    assertThat(marked.recheckAfter()).contains(Duration.ofSeconds(15));
    assertThat(message(marked)).contains("etcd sessions to expire");
  }

  @Test
  void theTargetStartsOnTheTargetImageWithTheRecordedReplicas() {
    MilvusUpgradeStatus migrated = status(UpgradeState.UPDATING_META, s -> {
      s.setMetaStorageChanged(true);
      s.setReplicasBeforeUpgrade(Fixtures.standaloneReplicas(2));
    });

    Decision d = decide(migrated, STOPPED, jobs(UPGRADE + "-update-meta", TaskRun.succeeded()));

    assertThat(start(d)).usingRecursiveComparison().isEqualTo(new UpgradeAction.StartMilvus(TARGET_IMAGE, "v2.4.23",
        Fixtures.standaloneReplicas(2), null, true));
    assertThat(d.status().getStateTransitionTime()).isEqualTo(NOW.toString());
    assertThat(d.recheckAfter()).isEmpty();
  }

  @Test
  void startingWaitsForHealthUntilTheDeadline() {
    Decision d = decide(status(UpgradeState.NEW_VERSION_STARTING),
        View.startedOn(TARGET_IMAGE, "Pending", SOURCE_IMAGE), Map.of());

    assertThat(d.recheckAfter()).contains(Duration.ofMinutes(10).minusSeconds(5));
    assertThat(message(d)).contains("Waiting for Milvus to be healthy on " + TARGET_IMAGE, "Pending");
  }

  @Test
  void theRollbackStartsTheRecordedImageAndTakesThePermissionBack() {
    MilvusUpgradeStatus restored = status(UpgradeState.ROLLBACK_RESTORING_OLD_META, s -> {
      s.setIsRollbacking(true);
      s.setMetaBackedUp(true);
      s.setMetaStorageChanged(true);
    });

    Decision d = decide(restored, STOPPED.allowing(true), jobs(UPGRADE + "-rollback-meta", TaskRun.succeeded()));

    assertThat(start(d)).usingRecursiveComparison().isEqualTo(new UpgradeAction.StartMilvus(SOURCE_IMAGE, "v2.1.4",
        Fixtures.standaloneReplicas(1), null, false));
  }

  @Test
  void conditionsTellTheStateTheStopAndTheBackup() {
    Decision d = decide(status(UpgradeState.BACKUP_META), STOPPED, jobs(UPGRADE + "-backup-meta-1",
        TaskRun.succeeded()));

    assertThat(condition(d, UpgradeConditions.UPGRADED).getReason()).isEqualTo("UpdatingMeta");
    assertThat(condition(d, UpgradeConditions.UPGRADED).getStatus()).isEqualTo("False");
    assertThat(condition(d, UpgradeConditions.MILVUS_STOPPED).getStatus()).isEqualTo("True");
    assertThat(condition(d, UpgradeConditions.META_BACKED_UP).getMessage())
        .contains("PVC " + UPGRADE + " at /milvus/data/migration.bak", "kept");
  }

  @Test
  void aFailureWithoutRollbackSaysMilvusStaysStoppedAndHowToProceed() {
    MilvusUpgradeSpec noRollback = spec(s -> s.setRollbackIfFailed(false));

    Decision d = decide(noRollback, status(UpgradeState.UPDATING_META, s -> s.setMetaStorageChanged(true)), STOPPED,
        jobs(UPGRADE + "-update-meta", TaskRun.failed("BackoffLimitExceeded")));

    assertThat(d.status().getState()).isEqualTo("UpdateMetaFailed");
    assertThat(condition(d, UpgradeConditions.MILVUS_STOPPED).getStatus()).isEqualTo("True");
    assertThat(condition(d, UpgradeConditions.UPGRADED).getMessage())
        .contains("stays stopped", "spec.operation: rollback", "standalone=1");
    assertThat(warnings(d)).isNotEmpty();

    Decision again = decide(noRollback, d.status(), STOPPED, jobs(UPGRADE + "-update-meta", TaskRun.failed("x")));
    assertThat(again.actions()).as("the same story is told once").isEmpty();
  }

  @Test
  void aRollbackReplacesTheUpgradedConditionWithRollbacked() {
    Decision d = decide(spec(s -> s.setOperation("rollback")), status(UpgradeState.SUCCEEDED, s -> s.setConditions(
        List.of(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("Upgraded").withStatus("True")
            .withReason("Succeeded").build()))), View.startedOn(TARGET_IMAGE, "Healthy", TARGET_IMAGE), Map.of());

    assertThat(d.status().getConditions()).extracting(Condition::getType).doesNotContain("Upgraded")
        .contains("Rollbacked");
    assertThat(condition(d, UpgradeConditions.ROLLBACKED).getReason()).isEqualTo("RollbackNewVersionStopping");
  }

  @Test
  void rollbackFailedExplainsHowToRecoverByHand() {
    Decision d = decide(status(UpgradeState.ROLLBACK_FAILED, s -> {
      s.setIsRollbacking(true);
      s.setMetaBackedUp(true);
    }), STOPPED, Map.of());

    assertThat(condition(d, UpgradeConditions.ROLLBACKED).getMessage()).contains("stays stopped",
        "/milvus/data/migration.bak", UPGRADE + "-rollback-meta", SOURCE_IMAGE, "standalone=1");
    assertThat(condition(d, UpgradeConditions.MILVUS_STOPPED).getStatus()).isEqualTo("True");
  }

  @Test
  void stepsAreAnnouncedOnTheMilvusToo() {
    Decision d = decide(status(UpgradeState.PENDING), View.running(), Map.of());

    assertThat(d.actions()).filteredOn(a -> a instanceof UpgradeAction.Announce)
        .map(a -> (UpgradeAction.Announce) a)
        .anySatisfy(a -> {
          assertThat(a.reason()).isEqualTo("OldVersionStopping");
          assertThat(a.aboutMilvus()).isTrue();
        });
  }

  @Test
  void anUnchangedWorldGivesAnUnchangedStatus() {
    Decision first = decide(status(UpgradeState.BACKUP_META), STOPPED, jobs(UPGRADE + "-backup-meta-1",
        TaskRun.running()));
    Decision second = decide(first.status(), STOPPED, jobs(UPGRADE + "-backup-meta-1", TaskRun.running()));

    assertThat(second.status()).usingRecursiveComparison().isEqualTo(first.status());
    assertThat(second.actions()).isEmpty();
  }

  private static UpgradeAction.StartMilvus start(Decision d) {
    return d.actions().stream().filter(a -> a instanceof UpgradeAction.StartMilvus)
        .map(a -> (UpgradeAction.StartMilvus) a).findFirst().orElseThrow();
  }

  private static Condition condition(Decision d, String type) {
    return UpgradeConditions.find(d.status().getConditions(), type).orElseThrow();
  }

  private static String message(Decision d) {
    return condition(d, UpgradeConditions.UPGRADED).getMessage();
  }

  private static List<UpgradeAction.Announce> warnings(Decision d) {
    return d.actions().stream().filter(a -> a instanceof UpgradeAction.Announce an && an.warning())
        .map(a -> (UpgradeAction.Announce) a).toList();
  }
}
