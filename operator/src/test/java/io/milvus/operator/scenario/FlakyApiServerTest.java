package io.milvus.operator.scenario;

import static io.milvus.operator.scenario.RollingUpgradeTest.mixCoordCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server fails one request in ten of the operator's (every kind, see {@link FlakyApiServer}): a user's
 * Milvus still comes up and still rolls to a new image, with no step done twice and nothing deleted.
 */
class FlakyApiServerTest {

  private static final Logger LOG = LoggerFactory.getLogger(FlakyApiServerTest.class);
  static final String V23 = "milvusdb/milvus:v2.3.21";
  static final String V24 = "milvusdb/milvus:v2.4.23";
  static OperatorHarness cluster;

  @BeforeAll
  static void startFlakyCluster() {
    cluster = OperatorHarness.start(FlakyApiServer.REQUEST_TIMEOUT);
    FlakyApiServer.on(cluster.sim, cluster::stopOperator, cluster::startOperator);
  }

  @AfterAll
  static void stopCluster() {
    LOG.info("{}", FlakyApiServer.summary(cluster.sim, cluster.operatorCalls));
    cluster.close();
  }

  @Test
  void theSeedsStandaloneMilvusBecomesHealthyWithEachObjectWrittenOnce() {
    int faultsBefore = cluster.sim.faults().injected().size();
    cluster.create(TestMilvus.SEED.replace("my-release", "steady"));

    awaitMilvus("steady", m -> "Healthy".equals(m.getStatus().getStatus()));

    var ns = cluster.ns();
    List<HasMetadata> workloads = Stream.concat(
        ns.apps().deployments().withLabel("app.kubernetes.io/instance", "steady").list().getItems().stream(),
        ns.apps().statefulSets().withLabel("app.kubernetes.io/instance", "steady").list().getItems().stream())
        .map(HasMetadata.class::cast).toList();
    assertThat(workloads).extracting(w -> w.getMetadata().getName())
        .contains("steady-milvus-standalone", "steady-etcd", "steady-minio");
    assertThat(workloads).as("each workload's spec written once").allSatisfy(w ->
        assertThat(w.getMetadata().getGeneration()).isEqualTo(1));
    assertThat(ns.secrets().withName("steady-minio").get().getData()).containsKeys("accesskey", "secretkey");
    assertThat(ns.persistentVolumeClaims().withName("steady-data").get()).isNotNull();
    assertThat(deletesBy(cluster, "steady")).as("nothing deleted").isEmpty();
    assertFaultsHitTheOperatorSince(faultsBefore);
  }

  @Test
  void aClustersRollingUpgradeKeepsItsOrderAndChangesEachDeploymentOnce() {
    int faultsBefore = cluster.sim.faults().injected().size();
    cluster.create(mixCoordCluster("choppy", V23));
    awaitMilvus("choppy", m -> "Healthy".equals(m.getStatus().getStatus()));

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "choppy");
        ReadyPodRecorder queryNodes = new ReadyPodRecorder(cluster.user, "choppy", "querynode")) {
      cluster.user.resources(Milvus.class).inNamespace("default").withName("choppy")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + V24 + "\"}}}");
      awaitMilvus("choppy", m -> V24.equals(m.getStatus().getCurrentImage())
          && cluster.condition("choppy", "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false));

      assertThat(recorder.orderTo(V24)).containsExactly("choppy-milvus-indexnode", "choppy-milvus-mixcoord",
          "choppy-milvus-querynode-1", "choppy-milvus-datanode", "choppy-milvus-proxy");
      assertThat(recorder.changes()).as("each Deployment changed once").hasSize(5);
      assertThat(queryNodes.minReady()).as("queryNode pods ready at every moment, across both groups")
          .isGreaterThanOrEqualTo(1);
    }
    for (String component : List.of("indexnode", "mixcoord", "datanode", "proxy")) {
      assertThat(cluster.sim.availability().minReadySinceAvailable("default", "choppy-milvus-" + component))
          .as("%s never had zero ready pods", component).isGreaterThanOrEqualTo(1);
    }
    assertThat(deletesBy(cluster, "choppy")).as("nothing deleted").isEmpty();
    assertFaultsHitTheOperatorSince(faultsBefore);
  }

  private static void assertFaultsHitTheOperatorSince(int before) {
    assertThat(cluster.sim.faults().injected().size()).as("faults injected during the story").isGreaterThan(before);
  }

  /** The operator's delete requests for objects of this Milvus (named after it). */
  static List<ApiCall> deletesBy(OperatorHarness harness, String milvus) {
    return harness.operatorCalls.calls().stream()
        .filter(c -> c.verb().startsWith("delete") && (c.name() == null || c.name().startsWith(milvus)))
        .toList();
  }

  private static void awaitMilvus(String name, java.util.function.Predicate<Milvus> condition) {
    await().atMost(FlakyApiServer.PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
      Milvus m = cluster.get(name);
      return m != null && m.getStatus() != null && condition.test(m);
    });
  }
}
