package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.kubesim.PodBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator restarts in every state of an upgrade (and of its rollback): the upgrade still completes, and no step
 * runs twice. Stops last a few seconds here (the etcd session wait) so that a restart lands inside them.
 */
class MilvusUpgradeRestartTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final UpgradeHarness cluster = UpgradeHarness.start(Duration.ofSeconds(30), Duration.ofMillis(1200));

  @Test
  void anUpgradeSurvivesARestartInEachState() {
    cluster.sim.scripts().forImage("milvusdb/milvus:v2.2.1", PodBehaviour.readyAfter(Duration.ofSeconds(2)));
    cluster.healthyStandalone("phoenix", V214);
    cluster.tool.hold("phoenix-upgrade", "backup-meta");
    cluster.tool.hold("phoenix-upgrade", "update-meta");

    cluster.createUpgrade("phoenix-upgrade", "phoenix", "v2.1.4", "v2.2.1", "");

    restartIn("phoenix-upgrade", "OldVersionStopping");
    restartIn("phoenix-upgrade", "BackupMeta");
    cluster.tool.open("phoenix-upgrade", "backup-meta");
    restartIn("phoenix-upgrade", "UpdatingMeta");
    cluster.tool.open("phoenix-upgrade", "update-meta");
    restartIn("phoenix-upgrade", "NewVersionStarting");
    cluster.awaitState("phoenix-upgrade", "Succeeded");

    assertThat(cluster.tool.runsOf("phoenix-upgrade")).containsExactly("phoenix-upgrade-backup-meta-1",
        "phoenix-upgrade-update-meta");
    assertThat(cluster.jobsOf("phoenix-upgrade")).hasSize(2);
    Milvus milvus = cluster.awaitHealthyOn("phoenix", "milvusdb/milvus:v2.2.1");
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
  }

  @Test
  void aRequestedRollbackSurvivesARestartInEachState() {
    cluster.sim.scripts().forImage("milvusdb/milvus:v2.2.2", PodBehaviour.neverReady());
    cluster.healthyStandalone("lazarus", V214);
    cluster.tool.hold("lazarus-upgrade", "rollback-meta");

    cluster.createUpgrade("lazarus-upgrade", "lazarus", "v2.1.4", "v2.2.2", "");
    cluster.awaitState("lazarus-upgrade", "NewVersionStarting");
    // From here on the old version starts slowly, so that a restart lands while the rollback waits for it.
    cluster.sim.scripts().forImage(V214, PodBehaviour.readyAfter(Duration.ofSeconds(2)));
    cluster.user.resources(MilvusUpgrade.class).inNamespace("default").withName("lazarus-upgrade")
        // As `kubectl patch --type merge` does: no resourceVersion, so the operator's status writes cannot conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"operation\":\"rollback\"}}");

    restartIn("lazarus-upgrade", "RollbackNewVersionStopping");
    restartIn("lazarus-upgrade", "RollbackRestoringOldMeta");
    cluster.tool.open("lazarus-upgrade", "rollback-meta");
    restartIn("lazarus-upgrade", "RollbackOldVersionStarting");
    cluster.awaitState("lazarus-upgrade", "RollbackedSucceeded");

    assertThat(cluster.tool.runsOf("lazarus-upgrade")).containsExactly("lazarus-upgrade-backup-meta-1",
        "lazarus-upgrade-update-meta", "lazarus-upgrade-rollback-meta");
    Milvus milvus = cluster.awaitHealthyOn("lazarus", V214);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
    assertThat(milvus.getSpec().getComponents().getImage()).isEqualTo(V214);
  }

  /** Waits for the state, then stops the operator there and starts a new one. */
  private static void restartIn(String upgrade, String state) {
    cluster.awaitState(upgrade, state);
    cluster.restartOperator();
    assertThat(cluster.upgrade(upgrade).getStatus().getState()).as("still in %s when restarted", state)
        .isIn(state, List.of(next(state)).toArray());
  }

  private static String next(String state) {
    return switch (state) {
      case "OldVersionStopping" -> "BackupMeta";
      case "NewVersionStarting" -> "Succeeded";
      case "RollbackNewVersionStopping" -> "RollbackRestoringOldMeta";
      case "RollbackOldVersionStarting" -> "RollbackedSucceeded";
      default -> state;
    };
  }
}
