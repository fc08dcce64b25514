package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code helm upgrade} of the operator: the old operator stops, a new one (a new process with empty caches, and a
 * newer release's default Milvus image) starts against Milvus resources that are Healthy with the objects the old one
 * rendered. It must write to no Deployment or StatefulSet, so no Milvus pod restarts (upstream's most painful bug).
 */
class OperatorUpgradeTest {

  static final Duration RESYNC = Duration.ofSeconds(1);
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final KubeSim sim = KubeSim.start();
  private final KubernetesClient user = sim.newClient();
  private KubernetesClient operatorClient;
  private Operator operator;

  @AfterEach
  void stop() {
    stopOperator();
    user.close();
    sim.close();
  }

  @Test
  void aNewOperatorTakesOverWithoutTouchingAnyWorkload() {
    takeOverAndExpectNoWorkloadWrite(new OperatorDefaults("milvusdb/milvus:v2.6.99"),
        TestMilvus.SEED, RollingUpgradeTest.mixCoordCluster("cluster", "milvusdb/milvus:v2.5.16"));
  }

  @Test
  void aMilvusThatNamesNoImageKeepsItsImageWhenTheNewOperatorsDefaultIsNewer() {
    takeOverAndExpectNoWorkloadWrite(new OperatorDefaults("milvusdb/milvus:v2.4.24"), """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: unpinned
        spec: {}
        """);
  }

  /**
   * A newer release renders pods differently (here: one more environment variable than the release that made them):
   * the pods it finds keep running as they are until the user changes the spec, and then the change rolls as usual and
   * brings the new rendering with it.
   */
  @Test
  void aPreviousReleasesPodTemplatesWaitForTheNextSpecChange() {
    for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
      user.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    startOperator(OperatorDefaults.standard(), new ApiCallLog());
    user.resource(TestMilvus.parse(RollingUpgradeTest.mixCoordCluster("older", "milvusdb/milvus:v2.5.16"))).create();
    awaitHealthy("older");
    stopOperator();
    user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", "older").list()
        .getItems().forEach(this::renderAsThePreviousRelease);
    await().atMost(PATIENCE).until(() -> user.apps().deployments().inNamespace("default").list().getItems().stream()
        .allMatch(d -> io.milvus.operator.status.DeploymentProgress.isComplete(d)));
    Map<String, String> templatesBefore = templates();
    Set<String> podsBefore = pods();

    startOperator(OperatorDefaults.standard(), new ApiCallLog());
    await("pod templates and pods kept during three resyncs").during(RESYNC.multipliedBy(3))
        .atMost(RESYNC.multipliedBy(3).plus(PATIENCE))
        .until(() -> templates().equals(templatesBefore) && pods().equals(podsBefore));

    assertThat(templates()).as("pod templates of the previous release").isEqualTo(templatesBefore);
    assertThat(pods()).as("pods").isEqualTo(podsBefore);

    user.resources(Milvus.class).inNamespace("default").withName("older").edit(m -> {
      m.getSpec().getComponents().setImage("milvusdb/milvus:v2.5.17");
      return m;
    });
    await().atMost(PATIENCE).until(() -> "milvusdb/milvus:v2.5.17".equals(milvus("older").getStatus().getCurrentImage()));
    assertThat(user.apps().deployments().inNamespace("default").list().getItems().stream()
        .filter(d -> d.getSpec().getReplicas() > 0).map(d -> d.getSpec().getTemplate().toString()))
        .as("every template with pods moved to this release's rendering (an idle queryNode group keeps its own)")
        .noneMatch(t -> t.contains(PREVIOUS_RELEASE_ENV));
  }

  private static final String PREVIOUS_RELEASE_ENV = "RENDERED_BY_THE_PREVIOUS_RELEASE";

  /** What the previous release wrote: another environment, and none of this release's annotations. */
  private void renderAsThePreviousRelease(io.fabric8.kubernetes.api.model.apps.Deployment d) {
    user.apps().deployments().inNamespace("default").withName(d.getMetadata().getName()).edit(live -> {
      live.getMetadata().getAnnotations().keySet().removeIf(k -> k.startsWith("milvus.io/"));
      live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
          .add(new io.fabric8.kubernetes.api.model.EnvVar(PREVIOUS_RELEASE_ENV, "true", null));
      return live;
    });
  }

  private Map<String, String> templates() {
    return user.apps().deployments().inNamespace("default").list().getItems().stream()
        .collect(Collectors.toMap(OperatorUpgradeTest::key, d -> d.getSpec().getTemplate().toString(), (a, b) -> a,
            TreeMap::new));
  }

  private void takeOverAndExpectNoWorkloadWrite(OperatorDefaults newDefaults, String... milvusYamls) {
    for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
      user.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    startOperator(OperatorDefaults.standard(), new ApiCallLog());
    List<String> names = Stream.of(milvusYamls).map(yaml -> user.resource(TestMilvus.parse(yaml)).create())
        .map(m -> m.getMetadata().getName()).toList();
    names.forEach(this::awaitHealthy);
    Map<String, String> workloadsBefore = workloads();
    Set<String> podsBefore = pods();

    stopOperator();
    ApiCallLog newOperatorCalls = new ApiCallLog();
    startOperator(newDefaults, newOperatorCalls);
    // a fresh operator reconciles every Milvus at start; three resyncs later it has seen each more than once
    await().atMost(PATIENCE).until(() -> !newOperatorCalls.calls("list", "milvuses").isEmpty());
    await("no write to a workload during three resyncs").during(RESYNC.multipliedBy(3))
        .atMost(RESYNC.multipliedBy(3).plus(PATIENCE)).until(() -> workloadWrites(newOperatorCalls).isEmpty());

    assertThat(workloadWrites(newOperatorCalls)).as("writes to workloads by the new operator").isEmpty();
    assertThat(workloads()).as("generation and pod template of every Deployment and StatefulSet")
        .isEqualTo(workloadsBefore);
    assertThat(pods()).as("pods (a restart would replace them)").isEqualTo(podsBefore);
  }

  private void startOperator(OperatorDefaults defaults, ApiCallLog log) {
    operatorClient = sim.newClient(log);
    OperatorSettings settings = OperatorSettings.standard().withDefaults(defaults)
        .withProbe((what, endpoints) -> new DependencyHealth(true, "reachable (test)"));
    operator = MilvusOperator.create(operatorClient, settings, Set.of(), RESYNC);
    operator.start();
  }

  private void stopOperator() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
      operator = null;
    }
  }

  private Milvus milvus(String name) {
    return user.resources(Milvus.class).inNamespace("default").withName(name).get();
  }

  private void awaitHealthy(String name) {
    await().atMost(PATIENCE).until(() -> {
      Milvus m = milvus(name);
      return m != null && m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus());
    });
  }

  /** Kind/name → generation and pod template, of every Deployment and StatefulSet. */
  private Map<String, String> workloads() {
    var ns = user.apps();
    return Stream.concat(
            ns.deployments().inNamespace("default").list().getItems().stream()
                .map(d -> Map.entry(key(d), d.getMetadata().getGeneration() + " " + d.getSpec().getTemplate())),
            ns.statefulSets().inNamespace("default").list().getItems().stream()
                .map(s -> Map.entry(key(s), s.getMetadata().getGeneration() + " " + s.getSpec().getTemplate())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  private Set<String> pods() {
    return user.pods().inNamespace("default").list().getItems().stream()
        .map(Pod::getMetadata).map(m -> m.getName() + "/" + m.getUid()).collect(Collectors.toSet());
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private static List<ApiCallLog.ApiCall> workloadWrites(ApiCallLog calls) {
    return calls.calls().stream().filter(c -> c.isWrite() && Set.of("apps", "").contains(c.group())
        && Set.of("deployments", "statefulsets", "replicasets", "pods").contains(c.resource())).toList();
  }
}
