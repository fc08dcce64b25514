package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.adopt.UnsupportedLayout;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user swaps the Go operator for this one on a live cluster (docs/migrate-from-go-operator.md): the Milvus resources
 * and the objects the Go operator made stay; this operator takes them over without replacing a pod, and the next
 * change the user makes rolls in dependency order and moves the pods to this operator's shape.
 */
class GoOperatorTakeoverTest {

  static final String V2516 = "milvusdb/milvus:v2.5.16";
  static final String V2517 = "milvusdb/milvus:v2.5.17";
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  /** How long nothing may change once the operator has taken over. */
  static final Duration QUIET = Duration.ofSeconds(4);

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @BeforeEach
  void theGoOperatorRunsTheCluster() {
    cluster.stopOperator();
  }

  @Test
  void aStandaloneIsTakenOverWithoutReplacingItsPod() {
    Milvus milvus = goOperatorMilvus(standalone("solo"));
    helmDependencies(milvus);
    createAll(List.of(GoOperatorObjects.configMap(milvus, upstreamUserYaml("solo")), GoOperatorObjects.service(milvus),
        GoOperatorObjects.deployment(milvus, "standalone", V2516)));
    Snapshot before = awaitServing("solo", 1);

    cluster.startOperator();

    cluster.awaitStatus("solo", "Healthy");
    assertNothingReplaced("solo", before);
    assertThat(cluster.ns().services().withName("solo-milvus").get().getSpec().getSelector())
        .as("the Service keeps upstream's selector").containsEntry("app.kubernetes.io/managed-by", "milvus-operator");
    assertHelmDependenciesUntouched("solo", before);

    patchImage("solo", V2517);

    await().atMost(OperatorHarness.PATIENCE).until(() -> V2517.equals(cluster.get("solo").getStatus().getCurrentImage()));
    assertMovedToOurShape(deployment("solo-milvus-standalone"), before.selectors().get("solo-milvus-standalone"));
    assertHelmDependenciesUntouched("solo", before);
  }

  @Test
  void aClustersComponentsAreTakenOverThenRolledInOrder() {
    Milvus milvus = goOperatorMilvus(cluster("big"));
    List<String> components = List.of("mixcoord", "indexnode", "datanode", "proxy");
    List<HasMetadata> objects = new java.util.ArrayList<>(List.of(
        GoOperatorObjects.configMap(milvus, upstreamUserYaml("big")), GoOperatorObjects.service(milvus)));
    components.forEach(c -> objects.add(GoOperatorObjects.deployment(milvus, c, V2516)));
    helmDependencies(milvus);
    createAll(objects);
    Snapshot before = awaitServing("big", components.size());

    cluster.startOperator();

    cluster.awaitStatus("big", "Healthy");
    assertNothingReplaced("big", before);
    assertThat(deploymentsByComponent("big")).as("one Deployment serves each component")
        .allSatisfy((component, names) -> assertThat(names).hasSize(1));

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "big")) {
      patchImage("big", V2517);
      await().atMost(OperatorHarness.PATIENCE).until(() -> V2517.equals(cluster.get("big").getStatus().getCurrentImage()));
      assertThat(recorder.orderTo(V2517)).containsExactly("big-milvus-indexnode", "big-milvus-mixcoord",
          "big-milvus-querynode-1", "big-milvus-datanode", "big-milvus-proxy");
    }
    for (String component : components) {
      assertMovedToOurShape(deployment("big-milvus-" + component), before.selectors().get("big-milvus-" + component));
      assertThat(cluster.sim.availability().minReadySinceAvailable("default", "big-milvus-" + component))
          .as("%s never had zero ready pods", component).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void deletingATakenOverMilvusLeavesTheHelmDependenciesAndTheirData() {
    Milvus milvus = goOperatorMilvus(standalone("gone"));
    helmDependencies(milvus);
    cluster.ns().persistentVolumeClaims().resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data-gone-etcd-0").withLabels(Map.of("app.kubernetes.io/instance", "gone",
            "app.kubernetes.io/component", "etcd", "app.kubernetes.io/managed-by", "Helm")).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
          .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec()
        .build()).create();
    createAll(List.of(GoOperatorObjects.configMap(milvus, upstreamUserYaml("gone")), GoOperatorObjects.service(milvus),
        GoOperatorObjects.deployment(milvus, "standalone", V2516)));
    Snapshot before = awaitServing("gone", 1);
    cluster.startOperator();
    cluster.awaitStatus("gone", "Healthy");

    cluster.user.resource(cluster.get("gone")).delete();

    await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.get("gone") == null);
    assertHelmDependenciesUntouched("gone", before);
    assertThat(cluster.ns().persistentVolumeClaims().withName("data-gone-etcd-0").get())
        .as("etcd's data, installed by Helm, despite deletionPolicy Delete and pvcDeletion").isNotNull();
    assertThat(cluster.ns().secrets().withName("gone-minio").get()).as("MinIO's keys").isNotNull();
  }

  @Test
  void aMilvusInRollingMode3IsRefusedAndNothingIsTouched() {
    Milvus milvus = goOperatorMilvus(cluster("three").replace("rollingMode: 2", "rollingMode: 3"));
    List<HasMetadata> objects = new java.util.ArrayList<>(List.of(
        GoOperatorObjects.configMap(milvus, upstreamUserYaml("three")), GoOperatorObjects.service(milvus)));
    for (String component : List.of("mixcoord", "indexnode", "datanode", "proxy")) {
      for (String group : List.of("0", "1")) {
        Deployment d = GoOperatorObjects.deployment(milvus, component, V2516, "three-milvus-" + component + "-" + group,
            Map.of("milvus.io/" + component + "-group-id", group));
        d.getSpec().setReplicas(group.equals("0") ? 1 : 0);
        objects.add(d);
      }
    }
    helmDependencies(milvus);
    createAll(objects);
    Snapshot before = awaitServing("three", 8);
    String configBefore = cluster.ns().configMaps().withName("three").get().getMetadata().getResourceVersion();

    cluster.startOperator();

    var refused = cluster.awaitCondition("three", "SpecValid", "False");
    assertThat(refused.getReason()).isEqualTo(UnsupportedLayout.REASON);
    assertThat(refused.getMessage()).contains("rollingMode 3", "three-milvus-proxy-0");
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(cluster.eventsAbout("three"))
        .anyMatch(e -> "Warning".equals(e.getType()) && UnsupportedLayout.REASON.equals(e.getReason())));
    assertNothingReplaced("three", before);
    assertThat(cluster.ns().apps().deployments().withLabel("app.kubernetes.io/instance", "three").list().getItems())
        .as("no Deployment made").hasSize(8);
    assertThat(cluster.ns().configMaps().withName("three").get().getMetadata().getResourceVersion())
        .as("the ConfigMap is not rewritten").isEqualTo(configBefore);
  }

  // --- the cluster as the Go operator left it ---

  static String standalone(String name) {
    return GoOperatorObjects.milvusYaml(name, V2516, "standalone", "standalone: {replicas: 1}",
        "msgStreamType: rocksmq", "{deletionPolicy: Delete, pvcDeletion: true}");
  }

  static String cluster(String name) {
    return GoOperatorObjects.milvusYaml(name, V2516, "cluster",
        "mixCoord: {replicas: 1}\ndataNode: {replicas: 1}\nindexNode: {replicas: 1}\nproxy: {replicas: 1}",
        "msgStreamType: pulsar\npulsar: {external: true, endpoint: \"pulsar.example:6650\"}", "{deletionPolicy: Retain}");
  }

  /** The Go operator's user.yaml, as Go's YAML library formats it (keys sorted, two-space indent). */
  static String upstreamUserYaml(String cr) {
    return """
        etcd:
          endpoints:
          - %1$s-etcd.default:2379
          rootPath: %1$s
        minio:
          address: %1$s-minio.default
          bucketName: %1$s
          port: 9000
        msgChannel:
          chanNamePrefix:
            cluster: %1$s
        """.formatted(cr);
  }

  /** The Milvus as the Go operator leaves it: its finalizer, and a status that says Healthy on the image it runs. */
  private static Milvus goOperatorMilvus(String yaml) {
    Milvus milvus = TestMilvus.parse(yaml);
    milvus.getMetadata().setUid(null);
    Milvus created = cluster.user.resource(milvus).create();
    MilvusStatus status = new MilvusStatus();
    status.setStatus("Healthy");
    status.setCurrentImage(V2516);
    status.setObservedGeneration(created.getMetadata().getGeneration());
    status.setRollingModeVersion(yaml.contains("rollingMode: 3") ? 3 : 2);
    created.setStatus(status);
    return cluster.user.resource(created).updateStatus();
  }

  private static void helmDependencies(Milvus milvus) {
    createAll(GoOperatorObjects.helmDependency(milvus, "etcd", "docker.io/milvusdb/etcd:3.5.18-r1", 2379));
    createAll(GoOperatorObjects.helmDependency(milvus, "minio", "minio/minio:RELEASE.2023-03-20T20-16-18Z", 9000));
    cluster.ns().secrets().resource(GoOperatorObjects.helmMinioSecret(milvus)).create();
  }

  private static void createAll(List<? extends HasMetadata> objects) {
    objects.forEach(o -> cluster.user.resource(o).inNamespace("default").create());
  }

  // --- what is looked at ---

  /** Pods by name and uid; pod template and selector of each Deployment; resourceVersion of each Helm object. */
  record Snapshot(Set<String> pods, Map<String, String> templates, Map<String, Map<String, String>> selectors,
      Map<String, String> helmObjects) {}

  private static Snapshot awaitServing(String cr, int deployments) {
    await().atMost(OperatorHarness.PATIENCE).until(() -> {
      List<Deployment> all = milvusDeployments(cr);
      // ready, not available: upstream's minReadySeconds of 30 would make this wait
      return all.size() == deployments && all.stream().allMatch(d -> d.getStatus() != null
          && d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas() == null ? 0
              : d.getStatus().getReadyReplicas()));
    });
    return snapshot(cr);
  }

  private static Snapshot snapshot(String cr) {
    List<Deployment> all = milvusDeployments(cr);
    Map<String, String> helm = new TreeMap<>();
    cluster.ns().apps().statefulSets().withLabel("app.kubernetes.io/managed-by", "Helm").list().getItems()
        .forEach(s -> helm.put("StatefulSet/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    cluster.ns().services().withLabel("app.kubernetes.io/managed-by", "Helm").list().getItems()
        .forEach(s -> helm.put("Service/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    return new Snapshot(pods(cr),
        all.stream().collect(Collectors.toMap(d -> d.getMetadata().getName(),
            d -> JSON.asJson(d.getSpec().getTemplate()), (a, b) -> a, TreeMap::new)),
        all.stream().collect(Collectors.toMap(d -> d.getMetadata().getName(),
            d -> d.getSpec().getSelector().getMatchLabels(), (a, b) -> a, TreeMap::new)),
        helm);
  }

  private static void assertNothingReplaced(String cr, Snapshot before) {
    await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> {
      Snapshot now = snapshot(cr);
      assertThat(now.pods()).as("pods (name/uid): none replaced").containsAll(before.pods());
      assertThat(now.templates()).as("pod templates").containsAllEntriesOf(before.templates());
      assertThat(now.selectors()).as("selectors").containsAllEntriesOf(before.selectors());
    });
  }

  private static void assertHelmDependenciesUntouched(String cr, Snapshot before) {
    assertThat(snapshot(cr).helmObjects()).as("objects installed by Helm: never written").isEqualTo(before.helmObjects());
    assertThat(cluster.ns().apps().statefulSets().withLabel("app.kubernetes.io/instance", cr).list().getItems())
        .as("no second etcd or MinIO made beside Helm's").isEmpty();
  }

  private static void assertMovedToOurShape(Deployment d, Map<String, String> selectorBefore) {
    assertThat(d.getSpec().getSelector().getMatchLabels()).as("selector of %s", d.getMetadata().getName())
        .isEqualTo(selectorBefore);
    assertThat(d.getSpec().getTemplate().getSpec().getInitContainers()).extracting(Container::getName)
        .doesNotContain("config");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getImage).contains(V2517);
    assertThat(d.getMetadata().getAnnotations()).doesNotContainKey(TemplateHold.HELD_TEMPLATE);
  }

  /** The Deployments that serve each component: an idle queryNode group (rolling mode 2, no replicas) serves none. */
  private static Map<String, List<String>> deploymentsByComponent(String cr) {
    return milvusDeployments(cr).stream()
        .filter(d -> d.getSpec().getReplicas() == null || d.getSpec().getReplicas() > 0)
        .collect(Collectors.groupingBy(
        d -> d.getMetadata().getLabels().get("app.kubernetes.io/component"), TreeMap::new,
        Collectors.mapping(d -> d.getMetadata().getName(), Collectors.toList())));
  }

  private static List<Deployment> milvusDeployments(String cr) {
    return cluster.ns().apps().deployments().withLabel("app.kubernetes.io/instance", cr).list().getItems();
  }

  private static Deployment deployment(String name) {
    return cluster.ns().apps().deployments().withName(name).get();
  }

  private static Set<String> pods(String cr) {
    return cluster.ns().pods().withLabel("app.kubernetes.io/instance", cr).list().getItems().stream()
        .map(Pod::getMetadata).map(m -> m.getName() + "/" + m.getUid()).collect(Collectors.toSet());
  }

  private static void patchImage(String name, String image) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + image + "\"}}}");
  }
}
