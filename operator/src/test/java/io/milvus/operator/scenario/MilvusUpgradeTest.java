package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.api.v1beta1.Milvus;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.kubesim.PodBehaviour;
import io.milvus.operator.upgrade.UpgradeConditions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user migrates a 2.1 Milvus with a MilvusUpgrade, as the seed's §4 shows: the migration succeeds, or a step fails
 * and the operator rolls back by itself, or (rollbackIfFailed: false) it stops and says what to do.
 */
class MilvusUpgradeTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  /** Never reached in real time: the deadline story moves the operator's clock past it. */
  static final Duration HEALTHY_DEADLINE = Duration.ofMinutes(10);
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final UpgradeHarness cluster = UpgradeHarness.start(HEALTHY_DEADLINE);

  @Test
  void theSeedsUpgradeFrom214To2423Succeeds() {
    cluster.healthyStandaloneInCluster("seed", V214);

    cluster.createUpgrade("seed-upgrade", "seed", "v2.1.4", "v2.4.23", "");

    MilvusUpgrade done = cluster.awaitState("seed-upgrade", "Succeeded");
    Milvus milvus = cluster.awaitMilvus("seed", m -> !m.getMetadata().getAnnotations()
        .containsKey("milvus.io/unsafe-upgrade-allowed-by"), "released by the upgrade");
    assertThat(milvus.getStatus().getStatus()).isEqualTo("Healthy");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKeys("milvus.io/stopped-at",
        "milvus.io/allow-unsafe-upgrade");
    assertThat(done.getStatus().getSourceImage()).isEqualTo(V214);
    assertThat(done.getStatus().getReplicasBeforeUpgrade().getStandalone()).isEqualTo(1);
    assertThat(done.getStatus().getMetaBackedUp()).isTrue();
    assertThat(done.getStatus().getBackupPVC()).isEqualTo("seed-upgrade");
    assertThat(condition(done, UpgradeConditions.UPGRADED)).isEqualTo("True");
    assertThat(condition(done, UpgradeConditions.MILVUS_STOPPED)).isEqualTo("False");

    ConfigMap config = cluster.user.configMaps().inNamespace("default").withName("seed-upgrade-update-meta").get();
    assertThat(config.getData().get("migration.yaml"))
        .contains("type: \"run\"", "sourceVersion: \"2.1.4\"", "targetVersion: \"2.2.0\"",
            "backupFilePath: \"/milvus/data/migration.bak\"", "- \"seed-etcd.default:2379\"", "rootPath: \"seed\"");
    assertThat(cluster.jobsOf("seed-upgrade")).extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("seed-upgrade-backup-meta-1", "seed-upgrade-update-meta");
    Job backup = cluster.user.batch().v1().jobs().inNamespace("default").withName("seed-upgrade-backup-meta-1").get();
    assertThat(backup.getSpec().getBackoffLimit()).isZero();
    assertThat(backup.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("-config", "/milvus/configs/migration.yaml");
    PersistentVolumeClaim pvc = cluster.user.persistentVolumeClaims().inNamespace("default").withName("seed-upgrade").get();
    assertThat(pvc.getMetadata().getOwnerReferences()).as("the backup outlives the MilvusUpgrade").isEmpty();
    assertThat(cluster.tool.runsOf("seed-upgrade")).containsExactly("seed-upgrade-backup-meta-1", "seed-upgrade-update-meta");
    cluster.awaitEvents("MilvusUpgrade", "seed-upgrade", events -> assertThat(reasons(events))
        .contains("OldVersionStopping", "BackupMeta", "UpdatingMeta", "NewVersionStarting", "Succeeded"));
    cluster.awaitEvents("Milvus", "seed", events -> assertThat(reasons(events))
        .contains("OldVersionStopping", "StoppingMilvus", "BackupMeta", "StartingNewVersion", "Succeeded",
            "MetadataMigrated")
        .as("a migrated jump is no unsafe upgrade").doesNotContain("UnsafeUpgradeAllowed"));
  }

  @Test
  void aClusterMovesTo22WithAllItsReplicas() {
    cluster.createMilvus(classicCluster("c22", V214));
    cluster.awaitMilvus("c22", m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus()), "Healthy");

    cluster.createUpgrade("c22-upgrade", "c22", "v2.1.4", "v2.2.14", "");

    cluster.awaitState("c22-upgrade", "Succeeded");
    Milvus milvus = cluster.milvus("c22");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.2.14");
    var components = milvus.getSpec().getComponents();
    assertThat(components.getProxy().getReplicas()).isEqualTo(2);
    assertThat(components.getQueryNode().getReplicas()).isEqualTo(2);
    assertThat(components.getRootCoord().getReplicas()).isEqualTo(1);
    assertThat(components.getDataNode().getReplicas()).as("a default written back explicitly").isEqualTo(1);
    assertThat(cluster.user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", "c22")
        .list().getItems()).filteredOn(d -> d.getSpec().getReplicas() > 0)
        .as("every Deployment with pods (queryNode's idle group has none)")
        .allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).isEqualTo("milvusdb/milvus:v2.2.14"));
    assertThat(cluster.user.configMaps().inNamespace("default").withName("c22-upgrade-backup-meta").get().getData()
        .get("migration.yaml")).contains("targetVersion: \"2.2.14\"", "- \"etcd-a.example:2379\"",
            "- \"etcd-b.example:2379\"");
  }

  @Test
  void aBackupThatFailsFourTimesRollsBackWithoutARestore() {
    cluster.healthyStandalone("flaky", V214);
    cluster.tool.fail("flaky-upgrade", "backup-meta", 4);

    cluster.createUpgrade("flaky-upgrade", "flaky", "v2.1.4", "v2.4.23", "");

    MilvusUpgrade done = cluster.awaitState("flaky-upgrade", "RollbackedSucceeded");
    assertThat(cluster.tool.runsOf("flaky-upgrade")).containsExactly("flaky-upgrade-backup-meta-1",
        "flaky-upgrade-backup-meta-2", "flaky-upgrade-backup-meta-3", "flaky-upgrade-backup-meta-4");
    assertThat(done.getStatus().getRetriedTimes()).isEqualTo(3);
    assertThat(done.getStatus().getIsRollbacking()).isTrue();
    assertThat(condition(done, UpgradeConditions.ROLLBACKED)).isEqualTo("True");
    Milvus milvus = cluster.awaitMilvus("flaky", m -> "Healthy".equals(m.getStatus().getStatus()), "Healthy");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo(V214);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
    cluster.awaitEvents("MilvusUpgrade", "flaky-upgrade", events -> assertThat(reasons(events))
        .contains("BakupMetaFailed", "RollbackNewVersionStopping", "RollbackOldVersionStarting", "RollbackedSucceeded"));
  }

  @Test
  void aFailedMigrationRestoresTheBackupTheOldImageAndTheReplicas() {
    cluster.createMilvus(classicCluster("broken", V214));
    cluster.awaitMilvus("broken", m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus()), "Healthy");
    cluster.tool.fail("broken-upgrade", "update-meta", 1);

    cluster.createUpgrade("broken-upgrade", "broken", "v2.1.4", "v2.4.23", "");

    cluster.awaitState("broken-upgrade", "RollbackedSucceeded");
    assertThat(cluster.tool.runsOf("broken-upgrade")).as("the migration is never retried").containsExactly(
        "broken-upgrade-backup-meta-1", "broken-upgrade-update-meta", "broken-upgrade-rollback-meta");
    assertThat(cluster.user.configMaps().inNamespace("default").withName("broken-upgrade-rollback-meta").get()
        .getData().get("migration.yaml")).contains("type: \"rollback\"");
    Milvus milvus = cluster.awaitMilvus("broken", m -> "Healthy".equals(m.getStatus().getStatus()), "Healthy");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo(V214);
    assertThat(milvus.getSpec().getComponents().getImage()).isEqualTo(V214);
    assertThat(milvus.getSpec().getComponents().getProxy().getReplicas()).isEqualTo(2);
    assertThat(milvus.getSpec().getComponents().getQueryNode().getReplicas()).isEqualTo(2);
    cluster.awaitEvents("Milvus", "broken", events -> assertThat(reasons(events))
        .contains("UpdateMetaFailed", "RestoringMeta", "RollbackOldVersionStarting"));
  }

  @Test
  void withoutRollbackAFailureLeavesMilvusStoppedSaysSoAndARequestedRollbackRestoresIt() {
    cluster.healthyStandalone("careful", V214);
    cluster.tool.fail("careful-upgrade", "update-meta", 1);

    cluster.createUpgrade("careful-upgrade", "careful", "v2.1.4", "v2.4.23", "rollbackIfFailed: false");

    MilvusUpgrade failed = cluster.awaitState("careful-upgrade", "UpdateMetaFailed");
    var stopped = UpgradeConditions.find(failed.getStatus().getConditions(), UpgradeConditions.MILVUS_STOPPED)
        .orElseThrow();
    assertThat(stopped.getStatus()).isEqualTo("True");
    assertThat(stopped.getMessage()).contains("stays stopped", "spec.operation: rollback", "standalone=1");
    assertThat(cluster.milvus("careful").getSpec().getComponents().getStandalone().getReplicas()).isZero();
    cluster.awaitEvents("Milvus", "careful", events -> assertThat(events).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getMessage()).contains("stays stopped");
    }));

    cluster.user.resources(MilvusUpgrade.class).inNamespace("default").withName("careful-upgrade")
        // As `kubectl patch --type merge` does: no resourceVersion, so the operator's status writes cannot conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"operation\":\"rollback\"}}");

    cluster.awaitState("careful-upgrade", "RollbackedSucceeded");
    Milvus milvus = cluster.awaitMilvus("careful", m -> "Healthy".equals(m.getStatus().getStatus()), "Healthy");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo(V214);
    assertThat(cluster.tool.runsOf("careful-upgrade")).contains("careful-upgrade-rollback-meta");
  }

  @Test
  void aTargetThatNeverGetsHealthyIsRolledBackAfterTheDeadline() {
    cluster.sim.scripts().forImage("milvusdb/milvus:v2.2.99", PodBehaviour.neverReady());
    cluster.healthyStandalone("sick", V214);

    cluster.createUpgrade("sick-upgrade", "sick", "v2.1.4", "v2.2.99", "");

    cluster.awaitState("sick-upgrade", "NewVersionStarting");
    cluster.clock.advance(HEALTHY_DEADLINE.plusMinutes(1));
    cluster.nudge("sick");
    MilvusUpgrade done = cluster.awaitState("sick-upgrade", "RollbackedSucceeded");
    assertThat(cluster.tool.runsOf("sick-upgrade")).contains("sick-upgrade-rollback-meta");
    cluster.awaitEvents("MilvusUpgrade", "sick-upgrade", events -> assertThat(events).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getMessage()).contains("did not become healthy on milvusdb/milvus:v2.2.99");
    }));
    assertThat(cluster.milvus("sick").getStatus().getCurrentImage()).isEqualTo(V214);
    assertThat(done.getStatus().getSourceImage()).isEqualTo(V214);
  }

  @Test
  void aJobDeletedByHandIsCreatedAgainNeverAStuckState() {
    cluster.healthyStandalone("vanish", V214);
    cluster.tool.hold("vanish-upgrade", "backup-meta");
    cluster.createUpgrade("vanish-upgrade", "vanish", "v2.1.4", "v2.4.23", "");
    cluster.awaitState("vanish-upgrade", "BackupMeta");
    org.awaitility.Awaitility.await().atMost(UpgradeHarness.PATIENCE)
        .until(() -> cluster.tool.runsOf("vanish-upgrade").size() == 1);

    cluster.user.batch().v1().jobs().inNamespace("default").withName("vanish-upgrade-backup-meta-1").delete();
    org.awaitility.Awaitility.await().atMost(UpgradeHarness.PATIENCE)
        .until(() -> cluster.tool.runsOf("vanish-upgrade").size() == 2);
    cluster.tool.open("vanish-upgrade", "backup-meta");

    cluster.awaitState("vanish-upgrade", "Succeeded");
    assertThat(cluster.tool.runsOf("vanish-upgrade")).containsExactly("vanish-upgrade-backup-meta-1",
        "vanish-upgrade-backup-meta-1", "vanish-upgrade-update-meta");
  }

  static String classicCluster(String name, String image) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          mode: cluster
          components:
            image: %s
            proxy: {replicas: 2}
            rootCoord: {replicas: 1}
            dataCoord: {replicas: 1}
            queryCoord: {replicas: 1}
            indexCoord: {replicas: 1}
            queryNode: {replicas: 2}
          dependencies:
            etcd: {external: true, endpoints: ["etcd-a.example:2379", "etcd-b.example:2379"]}
            storage: {external: true, type: S3, endpoint: "s3.example:443"}
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name, image);
  }

  static List<String> reasons(List<Event> events) {
    return events.stream().map(Event::getReason).toList();
  }

  static String condition(MilvusUpgrade upgrade, String type) {
    return UpgradeConditions.find(upgrade.getStatus().getConditions(), type).map(c -> c.getStatus()).orElse(null);
  }
}
