package io.milvus.operator.scenario;

import static io.milvus.operator.scenario.RollingUpgradeTest.mixCoordCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import io.milvus.operator.kubesim.PodBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas of the operator, as the chart runs them with {@code --leader-elect}: one leads, the other waits and
 * writes nothing. The leader dies in the middle of a rolling upgrade, or of a MilvusUpgrade: the other takes the lease
 * within the lease duration plus the retry period, and finishes the work with no step done twice.
 */
class LeaderHandOverTest {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderHandOverTest.class);
  static final String V23 = "milvusdb/milvus:v2.3.21";
  static final String V24 = "milvusdb/milvus:v2.4.23";
  static final String V214 = "milvusdb/milvus:v2.1.4";
  /** The longest a hand-over may take: the lease runs out, then the next try takes it. */
  static final Duration HAND_OVER = OperatorReplica.LEASE_DURATION.plus(OperatorReplica.RETRY_PERIOD);
  /** What a loaded machine adds to it: scheduling, a request's round trip, fabric8's jitter of the retry period. */
  static final Duration LOADED_MACHINE = Duration.ofSeconds(1);

  static UpgradeHarness cluster;
  OperatorReplica first;
  OperatorReplica second;

  @BeforeAll
  static void startCluster() {
    cluster = UpgradeHarness.withoutOperator(Duration.ofSeconds(30), UpgradeHarness.SESSION_EXPIRY);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void startTwoReplicas() {
    String suffix = Long.toString(System.nanoTime(), 36);
    first = OperatorReplica.start(cluster.sim, "operator-a-" + suffix, cluster.operatorSettings());
    await().atMost(UpgradeHarness.PATIENCE).until(() -> first.name.equals(OperatorReplica.leaseHolder(cluster.user)));
    second = OperatorReplica.start(cluster.sim, "operator-b-" + suffix, cluster.operatorSettings());
  }

  @AfterEach
  void stopReplicas() {
    first.close();
    second.close();
    cluster.sim.faults().clear();
  }

  @Test
  void theLeaderDiesInTheMiddleOfARollingUpgradeAndTheOtherFinishesItInOrder() {
    cluster.createMilvus(mixCoordCluster("relay", V23));
    cluster.awaitMilvus("relay", m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus()), "Healthy");
    // Slow pods, so that the rollout is still going when the leader dies.
    cluster.sim.scripts().forImage(V24, PodBehaviour.readyAfter(Duration.ofMillis(1500)));

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "relay")) {
      cluster.user.resources(Milvus.class).inNamespace("default").withName("relay")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + V24 + "\"}}}");
      await().atMost(UpgradeHarness.PATIENCE).until(() -> recorder.orderTo(V24).size() >= 2);
      assertThat(recorder.orderTo(V24)).as("still rolling when the leader dies").hasSizeLessThan(5);

      Duration handOver = crashTheLeader();

      cluster.awaitMilvus("relay", m -> V24.equals(m.getStatus().getCurrentImage()), "updated to " + V24);
      assertThat(recorder.orderTo(V24)).containsExactly("relay-milvus-indexnode", "relay-milvus-mixcoord",
          "relay-milvus-querynode-1", "relay-milvus-datanode", "relay-milvus-proxy");
      assertThat(recorder.changes()).as("each Deployment changed once").hasSize(5);
      assertThat(handOver).isLessThanOrEqualTo(HAND_OVER.plus(LOADED_MACHINE));
    }
  }

  @Test
  void theLeaderDiesWhileAMilvusUpgradeMigratesAndTheOtherFinishesItWithEachJobOnce() {
    cluster.healthyStandalone("baton", V214);
    cluster.tool.hold("baton-upgrade", "update-meta");
    cluster.createUpgrade("baton-upgrade", "baton", "v2.1.4", "v2.2.14", "");
    cluster.awaitState("baton-upgrade", "UpdatingMeta");
    await().atMost(UpgradeHarness.PATIENCE).until(() -> cluster.tool.runsOf("baton-upgrade").size() == 2);

    Duration handOver = crashTheLeader();
    cluster.tool.open("baton-upgrade", "update-meta");

    cluster.awaitState("baton-upgrade", "Succeeded");
    assertThat(cluster.tool.runsOf("baton-upgrade")).as("each Job ran once")
        .containsExactly("baton-upgrade-backup-meta-1", "baton-upgrade-update-meta");
    assertThat(cluster.jobsOf("baton-upgrade")).hasSize(2);
    assertThat(creates(first, "jobs").size() + creates(second, "jobs").size()).as("Jobs created, by both").isEqualTo(2);
    cluster.awaitHealthyOn("baton", "milvusdb/milvus:v2.2.14");
    assertThat(handOver).isLessThanOrEqualTo(HAND_OVER.plus(LOADED_MACHINE));
  }

  /**
   * Kills the first replica, checks the second did nothing meanwhile, and measures the hand-over as the lease records
   * it: from the dead leader's last renewal to the new leader's acquisition (what the lease duration bounds).
   */
  private Duration crashTheLeader() {
    assertThat(OperatorReplica.leaseHolder(cluster.user)).isEqualTo(first.name);
    assertThat(writesBesidesTheLease(second)).as("the standby wrote nothing while the leader lived").isEmpty();
    try (LeaseHistory history = new LeaseHistory(cluster.user)) {
      long crashed = System.nanoTime();
      first.crash();
      await().atMost(UpgradeHarness.PATIENCE).pollInterval(Duration.ofMillis(20))
          .until(() -> history.acquiredBy(second.name).isPresent());
      long seen = System.nanoTime();
      Duration handOver = Duration.between(history.lastRenewalBy(first.name).orElseThrow(),
          history.acquiredBy(second.name).orElseThrow());
      LOG.info("Hand-over: {} took the lease {} ms after {}'s last renewal, seen {} ms after it died "
          + "(lease {} ms, retry period {} ms)", second.name, handOver.toMillis(), first.name,
          (seen - crashed) / 1_000_000, OperatorReplica.LEASE_DURATION.toMillis(), OperatorReplica.RETRY_PERIOD.toMillis());
      assertThat(second.lostLease()).isFalse();
      return handOver;
    }
  }

  private static List<ApiCall> writesBesidesTheLease(OperatorReplica replica) {
    return replica.calls.calls().stream().filter(c -> c.isWrite() && !"leases".equals(c.resource())
        && !"selfsubjectrulesreviews".equals(c.resource())).toList();
  }

  private static List<ApiCall> creates(OperatorReplica replica, String resource) {
    return replica.calls.calls("create", resource);
  }
}
