package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user migrates a 2.1 Milvus with a MilvusUpgrade, as the seed's §4 shows, and the migration goes well. */
class MilvusUpgradeTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  static UpgradeHarness cluster;

  @BeforeAll
  static void startCluster() {
    long t0 = System.nanoTime();
    cluster = UpgradeHarness.start(Duration.ofSeconds(20));
    System.out.println("HARNESS START ms " + (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void stopCluster() {
    long t0 = System.nanoTime();
    cluster.close();
    System.out.println("HARNESS STOP ms " + (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void theSeedsUpgradeFrom214To2423Succeeds() {
    cluster.healthyStandalone("seed", V214);

    cluster.createUpgrade("seed-upgrade", "seed", "v2.1.4", "v2.4.23", "");

    MilvusUpgrade done = cluster.awaitState("seed-upgrade", "Succeeded");
    Milvus milvus = cluster.awaitMilvus("seed", m -> !m.getMetadata().getAnnotations()
        .containsKey("milvus.io/unsafe-upgrade-allowed-by"), "released by the upgrade");
    assertThat(milvus.getStatus().getStatus()).isEqualTo("Healthy");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKeys("milvus.io/stopped-at",
        "milvus.io/allow-unsafe-upgrade", "milvus.io/unsafe-upgrade-allowed-by");
    assertThat(done.getStatus().getSourceImage()).isEqualTo(V214);
    assertThat(done.getStatus().getReplicasBeforeUprade().getStandalone()).isEqualTo(1);
    assertThat(done.getStatus().getMetaBackuped()).isTrue();
    assertThat(done.getStatus().getBackupPVC()).isEqualTo("seed-upgrade");

    ConfigMap config = cluster.user.configMaps().inNamespace("default").withName("seed-upgrade-update-meta").get();
    assertThat(config.getData().get("migration.yaml"))
        .contains("type: \"run\"", "sourceVersion: \"2.1.4\"", "targetVersion: \"2.2.0\"",
            "backupFilePath: \"/milvus/data/migration.bak\"", "- \"seed-etcd.default:2379\"", "rootPath: \"seed\"");
    assertThat(cluster.jobsOf("seed-upgrade")).extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("seed-upgrade-backup-meta-1", "seed-upgrade-update-meta");
    Job backup = cluster.user.batch().v1().jobs().inNamespace("default").withName("seed-upgrade-backup-meta-1").get();
    assertThat(backup.getSpec().getBackoffLimit()).isZero();
    assertThat(backup.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(backup.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("-config", "/milvus/configs/migration.yaml");
    PersistentVolumeClaim pvc = cluster.user.persistentVolumeClaims().inNamespace("default").withName("seed-upgrade").get();
    assertThat(pvc.getMetadata().getOwnerReferences()).as("the backup outlives the MilvusUpgrade").isEmpty();
    assertThat(cluster.tool.runsOf("seed-upgrade")).containsExactly("seed-upgrade-backup-meta-1", "seed-upgrade-update-meta");
    assertThat(cluster.eventsAbout("MilvusUpgrade", "seed-upgrade")).extracting(e -> e.getReason())
        .contains("OldVersionStopping", "BackupMeta", "UpdatingMeta", "NewVersionStarting", "Succeeded");
    assertThat(cluster.eventsAbout("Milvus", "seed")).extracting(e -> e.getReason())
        .contains("StoppingMilvus", "StartingNewVersion", "Succeeded");
  }
}
