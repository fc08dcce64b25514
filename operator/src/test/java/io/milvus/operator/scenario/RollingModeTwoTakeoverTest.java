package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user swaps the Go operator (v1.3.8) for this one under a running cluster Milvus in rolling mode 2, upstream's
 * default: queryNode runs as {@code -querynode-0} (serving, 2 pods) and {@code -querynode-1} (idle, image "dummy", 0
 * pods), the Milvus annotation naming group 0. The takeover must replace no pod and change no pod template or selector;
 * the next image change then rolls in dependency order, queryNode moving into group 1 with never fewer ready queryNode
 * pods than it serves with.
 */
class RollingModeTwoTakeoverTest {

  static final String CR = "upstream";
  static final String V25 = "milvusdb/milvus:v2.5.16";
  static final String NEXT = "milvusdb/milvus:v2.5.17";
  static final List<String> SINGLE = List.of("mixcoord", "proxy", "datanode", "indexnode");
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  OperatorHarness cluster;

  @BeforeEach
  void clusterWithTheOperatorStopped() {
    cluster = OperatorHarness.start();
    cluster.stopOperator();
  }

  /** What the Go operator leaves: the Milvus with its marks and status, and its Deployments with their pods ready. */
  void goOperatorLeftARunningCluster() {
    Milvus milvus = cluster.user.resource(TestMilvus.parse("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
          namespace: default
          annotations:
            milvus.io/querynode-current-group-id: "0"
          finalizers: [milvus.milvus.io/finalizer]
        spec:
          mode: cluster
          components:
            image: %s
            rollingMode: 2
            enableRollingUpdate: true
            imageUpdateMode: rollingUpgrade
            mixCoord: {replicas: 1}
            proxy: {replicas: 1}
            dataNode: {replicas: 1}
            indexNode: {replicas: 1}
            queryNode: {replicas: 2}
          dependencies:
            etcd: {external: true, endpoints: ["etcd.example:2379"]}
            storage: {external: true, type: S3, endpoint: "s3.example:443", secretRef: s3-keys}
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(CR, V25))).create();
    cluster.ns().secrets().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("s3-keys").endMetadata().withStringData(Map.of("accesskey", "a", "secretkey", "s")).build()).create();
    Map<String, String> appLabels = Map.of("app.kubernetes.io/instance", CR, "app.kubernetes.io/name", "milvus",
        "app.kubernetes.io/managed-by", "milvus-operator");
    cluster.ns().configMaps().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
        .withName(CR).withLabels(appLabels).endMetadata()
        .withData(Map.of("user.yaml", "etcd:\n  endpoints:\n  - etcd.example:2379\n")).build()).create();
    for (String component : SINGLE) {
      cluster.ns().apps().deployments().resource(goDeployment(milvus, component, CR + "-milvus-" + component, V25, 1,
          Map.of())).create();
    }
    cluster.ns().apps().deployments().resource(goDeployment(milvus, "querynode", CR + "-milvus-querynode-0", V25, 2,
        Map.of("milvus.io/querynode-group-id", "0"))).create();
    cluster.ns().apps().deployments().resource(goDeployment(milvus, "querynode", CR + "-milvus-querynode-1", "dummy", 0,
        Map.of("milvus.io/querynode-group-id", "1"))).create();
    await().atMost(OperatorHarness.PATIENCE).until(() -> readyPods().size() == SINGLE.size() + 2);

    MilvusStatus status = new MilvusStatus();
    status.setStatus("Healthy");
    status.setCurrentImage(V25);
    status.setCurrentVersion("v2.5.16");
    status.setRollingModeVersion(2);
    status.setObservedGeneration(milvus.getMetadata().getGeneration());
    Milvus withStatus = cluster.get(CR);
    withStatus.setStatus(status);
    cluster.user.resource(withStatus).updateStatus();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theTakeoverReplacesNoPodAndAnImageChangeSwapsTheQueryNodeGroups() {
    goOperatorLeftARunningCluster();
    Map<String, String> templatesBefore = templatesAndSelectors();
    Set<String> podsBefore = podUids();

    cluster.startOperator();
    cluster.awaitStatus(CR, "Healthy");
    cluster.awaitCondition(CR, "MilvusUpdated", "True");
    // a few reconciles later (resyncs, the Deployments' own events) nothing has moved
    await().pollDelay(OperatorHarness.RESYNC.multipliedBy(3)).atMost(OperatorHarness.PATIENCE).until(() -> true);

    assertThat(podUids()).as("pods (a replaced pod has a new uid)").isEqualTo(podsBefore);
    assertThat(templatesAndSelectors()).as("pod template and selector of every Deployment").isEqualTo(templatesBefore);
    assertThat(deployment(CR + "-milvus-querynode")).as("no second Deployment serving queryNode").isNull();
    assertThat(cluster.get(CR).getMetadata().getAnnotations()).containsEntry("milvus.io/querynode-current-group-id",
        "0");
    assertThat(cluster.get(CR).getStatus().getRollingModeVersion()).isEqualTo(2);
    assertThat(cluster.get(CR).getStatus().getComponentsDeployStatus().get("querynode").getStatus().getReplicas())
        .as("status reports the serving group").isEqualTo(2);

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, CR);
        ReadyPodRecorder queryNodes = new ReadyPodRecorder(cluster.user, CR, "querynode")) {
      cluster.user.resources(Milvus.class).inNamespace("default").withName(CR)
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + NEXT + "\"}}}");
      await().atMost(OperatorHarness.PATIENCE.multipliedBy(2)).until(() -> NEXT.equals(
          cluster.get(CR).getStatus().getCurrentImage())
          && cluster.condition(CR, "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false));

      assertThat(recorder.orderTo(NEXT)).containsExactly(CR + "-milvus-indexnode", CR + "-milvus-mixcoord",
          CR + "-milvus-querynode-1", CR + "-milvus-datanode", CR + "-milvus-proxy");
      assertThat(queryNodes.minReady()).as("ready queryNode pods at every moment of the rollout").isGreaterThanOrEqualTo(2);
    }
    assertThat(deployment(CR + "-milvus-querynode-0").getSpec().getReplicas()).as("the old group").isZero();
    assertThat(deployment(CR + "-milvus-querynode-1").getSpec().getReplicas()).as("the new group").isEqualTo(2);
    assertThat(cluster.get(CR).getMetadata().getAnnotations()).containsEntry("milvus.io/querynode-current-group-id",
        "1");
    assertThat(cluster.get(CR).getMetadata().getLabels()).doesNotContainKey("milvus.io/querynode-rolling-id");
    assertThat(deployment(CR + "-milvus-querynode-1").getSpec().getSelector().getMatchLabels())
        .as("the Go operator's selector, kept").containsEntry("milvus.io/querynode-group-id", "1")
        .containsEntry("app.kubernetes.io/managed-by", "milvus-operator");
  }

  @Test
  void anEarlierReleasesSingleQueryNodeStaysUntilARolloutMovesItToTwoGroupsWithoutLosingCapacity() {
    // this operator made a Milvus; then it is made to look as this project's previous release left it: one queryNode
    // Deployment with that release's selector (no managed-by), and no rolling-mode-2 marks on the Milvus
    cluster.startOperator();
    cluster.create(RollingUpgradeTest.mixCoordCluster("earlier", V25));
    cluster.awaitStatus("earlier", "Healthy");
    cluster.stopOperator();
    Deployment group0 = deployment("earlier-milvus-querynode-0");
    Deployment single = new DeploymentBuilder(group0).editMetadata().withName("earlier-milvus-querynode")
        .withResourceVersion(null).withUid(null).withAnnotations(Map.of()).removeFromLabels("milvus.io/querynode-group-id")
        .endMetadata().editSpec().withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/instance", "earlier",
            "app.kubernetes.io/name", "milvus", "app.kubernetes.io/component", "querynode")).endSelector()
        .editTemplate().editMetadata().removeFromLabels("milvus.io/querynode-group-id").endMetadata().endTemplate()
        .endSpec().withStatus(null).build();
    cluster.ns().apps().deployments().resource(single).create();
    cluster.ns().apps().deployments().withName("earlier-milvus-querynode-0").delete();
    cluster.ns().apps().deployments().withName("earlier-milvus-querynode-1").delete();
    cluster.user.resources(Milvus.class).inNamespace("default").withName("earlier").edit(m -> {
      m.getMetadata().getAnnotations().remove("milvus.io/querynode-current-group-id");
      return m;
    });
    await().atMost(OperatorHarness.PATIENCE).until(() -> queryNodePods("earlier").size() == 2
        && deployment("earlier-milvus-querynode").getStatus() != null
        && Integer.valueOf(2).equals(deployment("earlier-milvus-querynode").getStatus().getAvailableReplicas()));
    Set<String> podsBefore = podUids("earlier");

    cluster.startOperator();
    await().pollDelay(OperatorHarness.RESYNC.multipliedBy(3)).atMost(OperatorHarness.PATIENCE)
        .until(() -> Integer.valueOf(1).equals(cluster.get("earlier").getStatus().getRollingModeVersion()));
    assertThat(podUids("earlier")).as("an operator upgrade restarts no pod").isEqualTo(podsBefore);
    assertThat(deployment("earlier-milvus-querynode-0")).as("no group made before a rollout").isNull();

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "earlier", true);
        ReadyPodRecorder queryNodes = new ReadyPodRecorder(cluster.user, "earlier", "querynode")) {
      cluster.user.resources(Milvus.class).inNamespace("default").withName("earlier")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + NEXT + "\"}}}");
      await().atMost(OperatorHarness.PATIENCE.multipliedBy(2)).until(() -> NEXT.equals(
          cluster.get("earlier").getStatus().getCurrentImage())
          && cluster.condition("earlier", "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false));
      assertThat(recorder.orderTo(NEXT)).containsExactly("earlier-milvus-indexnode", "earlier-milvus-mixcoord",
          "earlier-milvus-querynode-0", "earlier-milvus-datanode", "earlier-milvus-proxy");
      assertThat(recorder.changes()).as("the idle group is made with the dummy image")
          .anySatisfy(c -> assertThat(c.deployment()).isEqualTo("earlier-milvus-querynode-1"));
      assertThat(queryNodes.minReady()).as("ready queryNode pods at every moment of the move").isGreaterThanOrEqualTo(2);
    }
    await().atMost(OperatorHarness.PATIENCE).until(() -> deployment("earlier-milvus-querynode") == null);
    assertThat(deployment("earlier-milvus-querynode-0").getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment("earlier-milvus-querynode-1").getSpec().getReplicas()).isZero();
    assertThat(cluster.get("earlier").getMetadata().getAnnotations())
        .containsEntry("milvus.io/querynode-current-group-id", "0");
    assertThat(cluster.get("earlier").getStatus().getRollingModeVersion()).isEqualTo(2);
  }

  /**
   * A Deployment as the Go operator v1.3.8 renders it: upstream's four-label selector (plus the group id for the
   * queryNode pair), the container named after the component, its init container {@code config} and volumes.
   */
  static Deployment goDeployment(Milvus milvus, String component, String name, String image, int replicas,
      Map<String, String> group) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("app.kubernetes.io/instance", CR);
    selector.put("app.kubernetes.io/name", "milvus");
    selector.put("app.kubernetes.io/managed-by", "milvus-operator");
    selector.put("app.kubernetes.io/component", component);
    selector.putAll(group);
    Map<String, String> podLabels = new LinkedHashMap<>(selector);
    if (component.equals("proxy")) {
      podLabels.put("milvus.io/service", "true");
    }
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withLabels(selector)
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("milvus.io/v1beta1").withKind("Milvus")
              .withName(CR).withUid(milvus.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
              .build())
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withProgressDeadlineSeconds(30 * 24 * 3600)
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
            .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
          .endStrategy()
          .withNewTemplate()
            .withNewMetadata().withLabels(podLabels).withAnnotations(Map.of("milvus.io/using-configmap", CR))
            .endMetadata()
            .withNewSpec()
              .addNewInitContainer().withName("config").withImage("milvusdb/milvus-operator:v1.3.8")
                .withCommand("/bin/sh").withArgs("/init.sh")
                .addNewVolumeMount().withName("tools").withMountPath("/milvus/tools").endVolumeMount()
              .endInitContainer()
              .addNewContainer().withName(component).withImage(image)
                .withArgs("/milvus/tools/run.sh", "milvus", "run", component.equals("mixcoord") ? "mixture" : component)
                .addNewPort().withName("metrics").withContainerPort(9091).withProtocol("TCP").endPort()
                .addNewVolumeMount().withName("milvus-config").withMountPath("/milvus/configs/operator")
                  .withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tools").withMountPath("/milvus/tools").endVolumeMount()
              .endContainer()
              .addNewVolume().withName("milvus-config").withNewConfigMap().withName(CR).endConfigMap().endVolume()
              .addNewVolume().withName("tools").withNewEmptyDir().endEmptyDir().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private Map<String, String> templatesAndSelectors() {
    return cluster.ns().apps().deployments().withLabel("app.kubernetes.io/instance", CR).list().getItems().stream()
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> JSON.asJson(d.getSpec().getTemplate())
            + JSON.asJson(d.getSpec().getSelector()), (a, b) -> a, TreeMap::new));
  }

  private Set<String> podUids() {
    return podUids(CR);
  }

  private List<Pod> queryNodePods(String cr) {
    return cluster.ns().pods().withLabel("app.kubernetes.io/instance", cr)
        .withLabel("app.kubernetes.io/component", "querynode").list().getItems();
  }

  private Set<String> podUids(String cr) {
    return cluster.ns().pods().withLabel("app.kubernetes.io/instance", cr).list().getItems().stream()
        .map(p -> p.getMetadata().getName() + "/" + p.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private List<Pod> readyPods() {
    return cluster.ns().pods().withLabel("app.kubernetes.io/instance", CR).list().getItems().stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList();
  }

  private Deployment deployment(String name) {
    return cluster.ns().apps().deployments().withName(name).get();
  }
}
