package io.milvus.operator.scenario;

import static io.milvus.operator.scenario.MilvusUpgradeTest.classicCluster;
import static io.milvus.operator.scenario.MilvusUpgradeTest.reasons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.UpgradePathStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A MilvusUpgrade to a version a rule keeps out of direct reach from the migrated 2.2 layout: it migrates, starts
 * the first version the path allows, and lets the Milvus walk the required hops; no recommended ones.
 */
class MilvusUpgradeWalkTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final UpgradeHarness cluster = UpgradeHarness.start(Duration.ofMinutes(10));

  @Test
  void from214To25ThroughTheMigrationNoHopInBetween() {
    cluster.createMilvus(classicCluster("c25", V214));
    cluster.awaitMilvus("c25", m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus()), "Healthy");

    cluster.createUpgrade("c25-upgrade", "c25", "v2.1.4", "v2.5.26", "");

    cluster.awaitState("c25-upgrade", "Succeeded");
    Milvus milvus = cluster.milvus("c25");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.5.26");
    assertThat(cluster.user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", "c25")
        .list().getItems().stream().filter(d -> d.getSpec().getReplicas() > 0))
        .as("Deployments with pods (the idle queryNode group has none)").allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).as("no recommended hop (2.2, 2.3, 2.4) on the way").isEqualTo("milvusdb/milvus:v2.5.26"));
    cluster.awaitEvents("Milvus", "c25", events -> assertThat(reasons(events)).doesNotContain("UpgradePathPlanned"));
  }

  @Test
  void from214To26TheRequired25HopIsWalkedAndTheBackupIsNoLongerRestoredAfterIt() {
    cluster.healthyStandalone("far", V214);
    List<String> hops = new CopyOnWriteArrayList<>();

    cluster.createUpgrade("far-upgrade", "far", "v2.1.4", "v2.6.11", "");

    await().atMost(Duration.ofSeconds(90)).until(() -> {
      UpgradePathStatus path = cluster.milvus("far").getStatus() == null ? null
          : cluster.milvus("far").getStatus().getUpgradePath();
      if (path != null && !hops.contains(path.getHop())) {
        hops.add(path.getHop());
      }
      MilvusUpgrade upgrade = cluster.upgrade("far-upgrade");
      return upgrade.getStatus() != null && "Succeeded".equals(upgrade.getStatus().getState());
    });
    // the hops as the Events tell them (a status sampled while polling can miss a hop that takes under a second)
    cluster.awaitEvents("Milvus", "far", events -> {
      assertThat(events).as("the migrated Milvus started on 2.5.26, then walked to 2.6.11")
          .anySatisfy(e -> assertThat(e.getMessage()).contains("over v2.5.26 > v2.6.11"))
          .anySatisfy(e -> assertThat(e.getMessage()).startsWith("Starting hop 2 of 2: v2.6.11"));
    });
    assertThat(hops).as("hops seen in the status").isSubsetOf("v2.5.26", "v2.6.11");
    Milvus milvus = cluster.milvus("far");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.6.11");
    assertThat(cluster.user.configMaps().inNamespace("default").withName("far").get().getData().get("user.yaml"))
        .as("the standalone kept its queue").contains("rocksmq");

    cluster.user.resources(MilvusUpgrade.class).inNamespace("default").withName("far-upgrade")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"operation\":\"rollback\"}}");

    cluster.awaitEvents("MilvusUpgrade", "far-upgrade", events -> assertThat(events).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("RollbackRefused");
      assertThat(e.getMessage()).contains("v2.6.11", "can no longer be restored");
    }));
    assertThat(cluster.upgrade("far-upgrade").getStatus().getState()).isEqualTo("Succeeded");
    assertThat(cluster.milvus("far").getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.6.11");
    assertThat(cluster.tool.runsOf("far-upgrade")).doesNotContain("far-upgrade-rollback-meta");
  }
}
