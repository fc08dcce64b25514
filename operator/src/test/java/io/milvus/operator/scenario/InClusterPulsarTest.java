package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.kubesim.JobBehaviour;
import io.milvus.operator.kubesim.PodBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user deploys a Milvus cluster the upstream way, with no message queue named: the operator brings up Pulsar. */
class InClusterPulsarTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void aDefaultClusterBecomesHealthyOnInClusterPulsarStartedInOrder() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: default-cluster}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
        """);

    Milvus milvus = cluster.awaitStatus("default-cluster", "Healthy");

    assertThat(cluster.condition("default-cluster", "MsgStreamReady").orElseThrow().getMessage())
        .contains("default-cluster-pulsar-proxy.default:6650");
    var ns = cluster.ns();
    assertThat(ns.configMaps().withName("default-cluster").get().getData().get("user.yaml"))
        .contains("address: \"default-cluster-pulsar-proxy.default\"", "port: 6650");
    assertThat(ns.services().withName("default-cluster-pulsar-proxy").get().getSpec().getPorts())
        .extracting(p -> p.getPort()).contains(6650, 8080);
    assertThat(replicas("default-cluster-pulsar-zookeeper")).isEqualTo(3);
    assertThat(replicas("default-cluster-pulsar-bookie")).isEqualTo(3);
    assertThat(replicas("default-cluster-pulsar-broker")).isEqualTo(2);
    assertThat(replicas("default-cluster-pulsar-proxy")).isEqualTo(2);
    assertThat(ns.persistentVolumeClaims().list().getItems()).extracting(p -> p.getMetadata().getName())
        .contains("data-default-cluster-pulsar-zookeeper-0", "journal-default-cluster-pulsar-bookie-2",
            "ledgers-default-cluster-pulsar-bookie-0");

    // Each part was created only once what it needs was ready.
    Instant zookeeperReady = readyTime("default-cluster-pulsar-zookeeper");
    Instant bookieInitDone = completion("default-cluster-pulsar-bookie-init");
    Instant metadataInitDone = completion("default-cluster-pulsar-pulsar-init");
    assertThat(created(job("default-cluster-pulsar-bookie-init"))).isAfterOrEqualTo(zookeeperReady);
    assertThat(created(job("default-cluster-pulsar-pulsar-init"))).isAfterOrEqualTo(zookeeperReady);
    assertThat(created(sts("default-cluster-pulsar-bookie"))).isAfterOrEqualTo(bookieInitDone);
    assertThat(created(sts("default-cluster-pulsar-broker")))
        .isAfterOrEqualTo(metadataInitDone).isAfterOrEqualTo(readyTime("default-cluster-pulsar-bookie"));
    assertThat(created(sts("default-cluster-pulsar-proxy"))).isAfterOrEqualTo(readyTime("default-cluster-pulsar-broker"));
    assertThat(created(ns.apps().deployments().withName("default-cluster-milvus-proxy").get()))
        .isAfterOrEqualTo(readyTime("default-cluster-pulsar-proxy"));
    assertThat(milvus.getStatus().getConditions()).extracting(MilvusCondition::getType, MilvusCondition::getStatus)
        .contains(org.assertj.core.groups.Tuple.tuple("MsgStreamReady", "True"));

    // A rolling upgrade of Milvus leaves Pulsar alone: same pods, same StatefulSets.
    List<String> pulsarPods = pulsarPodUids("default-cluster");
    cluster.user.resources(Milvus.class).inNamespace("default").withName("default-cluster")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.5.17\"}}}");
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      Milvus upgraded = cluster.get("default-cluster");
      assertThat(upgraded.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.5.17");
      assertThat(upgraded.getStatus().getStatus()).isEqualTo("Healthy");
    });
    assertThat(pulsarPodUids("default-cluster")).isEqualTo(pulsarPods);
  }

  private static List<String> pulsarPodUids(String cr) {
    return cluster.ns().pods().list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(cr + "-pulsar-") && !p.getMetadata().getLabels().containsKey("job-name"))
        .map(p -> p.getMetadata().getName() + "/" + p.getMetadata().getUid()).sorted().toList();
  }

  @Test
  void aFreshInstallSaysInstallingWhileItWaitsForPulsar() {
    cluster.sim.scripts().forImage("apachepulsar/pulsar:3.0.7-slow", PodBehaviour.neverReady());
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: slow-pulsar}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            pulsar:
              inCluster:
                values: {images: {zookeeper: {tag: 3.0.7-slow}}}
        """);

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() -> {
      MilvusCondition stream = cluster.condition("slow-pulsar", "MsgStreamReady").orElseThrow();
      assertThat(stream.getStatus()).isEqualTo("False");
      assertThat(stream.getMessage()).contains("ZooKeeper", "slow-pulsar-pulsar-zookeeper", "0/3 ready pods");
      MilvusCondition updated = cluster.condition("slow-pulsar", "MilvusUpdated").orElseThrow();
      assertThat(updated.getMessage()).startsWith("Installing milvusdb/milvus:v2.5.16").doesNotContain("previous image");
    });
    assertThat(cluster.ns().apps().statefulSets().withName("slow-pulsar-pulsar-bookie").get())
        .as("BookKeeper waits for ZooKeeper").isNull();
    assertThat(cluster.ns().batch().v1().jobs().withName("slow-pulsar-pulsar-bookie-init").get()).isNull();
  }

  @Test
  void pulsarWithJwtWaitsForItsSecretsThenServes() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: jwt}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
          config:
            pulsar: {authPlugin: token, authParams: "file:/milvus/pulsar/token"}
          dependencies:
            msgStreamType: pulsar
            pulsar:
              inCluster:
                values:
                  auth:
                    authentication: {enabled: true, provider: jwt, jwt: {usingSecretKey: true}}
                    authorization: {enabled: true}
                    superUsers: {broker: milvus, proxy: pulsar-proxy, client: ""}
        """);

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.condition("jwt", "MsgStreamReady").orElseThrow().getMessage())
            .contains("jwt-pulsar-token-symmetric-key", "jwt-pulsar-token-milvus", "jwt-pulsar-token-pulsar-proxy"));
    for (String secret : List.of("jwt-pulsar-token-symmetric-key", "jwt-pulsar-token-milvus",
        "jwt-pulsar-token-pulsar-proxy")) {
      cluster.ns().secrets().resource(new SecretBuilder().withNewMetadata().withName(secret).endMetadata()
          .withStringData(Map.of(secret.endsWith("key") ? "SECRETKEY" : "TOKEN", "test-only")).build()).create();
    }

    cluster.awaitStatus("jwt", "Healthy");
    StatefulSet broker = sts("jwt-pulsar-broker");
    var env = broker.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertThat(env).extracting(e -> e.getName() + "=" + e.getValue()).contains(
        "authenticationEnabled=true", "authorizationEnabled=true", "superUserRoles=milvus,pulsar-proxy",
        "tokenSecretKey=file:///pulsar/keys/token/secret.key",
        "brokerClientAuthenticationParameters=file:///pulsar/tokens/broker/token");
    assertThat(broker.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactly("jwt-pulsar-token-symmetric-key", "jwt-pulsar-token-milvus");
    assertThat(sts("jwt-pulsar-proxy").getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactly("jwt-pulsar-token-symmetric-key", "jwt-pulsar-token-pulsar-proxy");
  }

  @Test
  void aFailedInitialisationJobIsReportedWithTheWayOut() {
    cluster.sim.scripts().forJobImage("apachepulsar/pulsar:3.0.7-badinit", JobBehaviour.failAfter(Duration.ofMillis(10)));
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: bad-init}
        spec:
          mode: standalone
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            msgStreamType: pulsar
            pulsar:
              inCluster:
                values: {images: {bookie: {tag: 3.0.7-badinit}}}
        """);

    await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.condition("bad-init", "MsgStreamReady").orElseThrow().getMessage())
            .contains("Job bad-init-pulsar-bookie-init failed", "delete the Job to run it again"));
    assertThat(cluster.ns().apps().deployments().withName("bad-init-milvus-standalone").get()).isNull();
  }

  @Test
  void aPulsarThatCannotBeBuiltIsRefusedAtOnceAndNothingIsCreated() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: no-zookeeper}
        spec:
          mode: cluster
          dependencies:
            pulsar:
              inCluster:
                values: {components: {zookeeper: false}, broker: {podMonitor: {enabled: true}}}
        """);

    MilvusCondition valid = cluster.awaitCondition("no-zookeeper", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("values.components.zookeeper", "cannot run without its zookeeper");
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(cluster.eventsAbout("no-zookeeper"))
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains("cannot run without its zookeeper");
        }));
    assertThat(cluster.ns().apps().statefulSets().list().getItems())
        .noneMatch(s -> s.getMetadata().getName().startsWith("no-zookeeper-"));
  }

  @Test
  void valuesNotActedOnAreListedInTheStatus() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: listed}
        spec:
          mode: cluster
          dependencies:
            pulsar:
              inCluster:
                values: {broker: {replicaCount: 1, podMonitor: {enabled: true}}}
        """);

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.get("listed").getStatus().getIgnoredFields())
            .contains("spec.dependencies.pulsar.inCluster.values.broker.podMonitor.enabled")
            .doesNotContain("spec.dependencies.pulsar.inCluster.values.broker.replicaCount"));
  }

  private static int replicas(String name) {
    return sts(name).getSpec().getReplicas();
  }

  private static StatefulSet sts(String name) {
    return cluster.ns().apps().statefulSets().withName(name).get();
  }

  private static Job job(String name) {
    return cluster.ns().batch().v1().jobs().withName(name).get();
  }

  private static Instant created(HasMetadata object) {
    return Instant.parse(object.getMetadata().getCreationTimestamp());
  }

  private static Instant completion(String job) {
    return Instant.parse(job(job).getStatus().getCompletionTime());
  }

  /** When the last pod of the StatefulSet became ready. */
  private static Instant readyTime(String sts) {
    return cluster.ns().pods().withLabels(sts(sts).getSpec().getSelector().getMatchLabels()).list().getItems().stream()
        .map(p -> p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
            .map(c -> Instant.parse(c.getLastTransitionTime())).orElseThrow())
        .max(Instant::compareTo).orElseThrow();
  }
}
