package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.upgrade.UpgradeConditions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MilvusUpgrade whose migration fails rolls back by itself while the API server fails one request in ten of the
 * operator's (every kind, see {@link FlakyApiServer}): each Job runs once, the backup stays, Milvus is back as it was.
 */
class FlakyMilvusUpgradeTest {

  private static final Logger LOG = LoggerFactory.getLogger(FlakyMilvusUpgradeTest.class);
  static final String V214 = "milvusdb/milvus:v2.1.4";
  static UpgradeHarness cluster;

  @BeforeAll
  static void startFlakyCluster() {
    cluster = UpgradeHarness.start(Duration.ofSeconds(30), UpgradeHarness.SESSION_EXPIRY, FlakyApiServer.REQUEST_TIMEOUT);
    FlakyApiServer.on(cluster.sim, cluster::stopOperator, cluster::startOperator);
  }

  @AfterAll
  static void stopCluster() {
    LOG.info("{}", FlakyApiServer.summary(cluster.sim, cluster.operatorCalls));
    cluster.close();
  }

  @Test
  void aFailedMigrationRollsBackWithEachStepOnce() {
    cluster.healthyStandalone("shaky", V214);
    cluster.tool.fail("shaky-upgrade", "update-meta", 1);

    cluster.createUpgrade("shaky-upgrade", "shaky", "v2.1.4", "v2.4.23", "");

    MilvusUpgrade done = awaitState("shaky-upgrade", "RollbackedSucceeded");
    assertThat(cluster.tool.runsOf("shaky-upgrade")).as("each step ran once").containsExactly(
        "shaky-upgrade-backup-meta-1", "shaky-upgrade-update-meta", "shaky-upgrade-rollback-meta");
    assertThat(cluster.jobsOf("shaky-upgrade")).hasSize(3);
    assertThat(MilvusUpgradeTest.condition(done, UpgradeConditions.ROLLBACKED)).isEqualTo("True");
    assertThat(cluster.user.persistentVolumeClaims().inNamespace("default").withName("shaky-upgrade").get())
        .as("the metadata backup stays").isNotNull();
    Milvus milvus = cluster.awaitMilvus("shaky", m -> "Healthy".equals(m.getStatus().getStatus())
        && V214.equals(m.getStatus().getCurrentImage()), "Healthy on " + V214);
    assertThat(milvus.getSpec().getComponents().getImage()).isEqualTo(V214);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
  }

  @Test
  void anUpgradeSucceedsWithEachStepOnce() {
    cluster.healthyStandalone("bumpy", V214);

    cluster.createUpgrade("bumpy-upgrade", "bumpy", "v2.1.4", "v2.2.14", "");

    awaitState("bumpy-upgrade", "Succeeded");
    assertThat(cluster.tool.runsOf("bumpy-upgrade")).as("each step ran once")
        .containsExactly("bumpy-upgrade-backup-meta-1", "bumpy-upgrade-update-meta");
    Milvus milvus = cluster.awaitMilvus("bumpy", m -> "Healthy".equals(m.getStatus().getStatus())
        && "milvusdb/milvus:v2.2.14".equals(m.getStatus().getCurrentImage()), "Healthy on v2.2.14");
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
  }

  private static MilvusUpgrade awaitState(String name, String state) {
    Awaitility.await().atMost(FlakyApiServer.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
      MilvusUpgrade u = cluster.upgrade(name);
      return u != null && u.getStatus() != null && state.equals(u.getStatus().getState());
    });
    return cluster.upgrade(name);
  }
}
