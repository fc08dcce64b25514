package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.kubesim.PodBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user moves a running Milvus to another image with {@code kubectl patch --type merge}, as the seed shows. */
class RollingUpgradeTest {

  static final String V23 = "milvusdb/milvus:v2.3.21";
  static final String V24 = "milvusdb/milvus:v2.4.23";
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void standaloneOnRocksmqIsRecreatedAndSaysWhy() {
    cluster.create(standalone("solo", "milvusdb/milvus:v2.4.5"));
    cluster.awaitStatus("solo", "Healthy");

    patchImage("solo", V24);

    await().atMost(OperatorHarness.PATIENCE).until(() -> V24.equals(cluster.get("solo").getStatus().getCurrentImage()));
    assertThat(cluster.get("solo").getStatus().getStatus()).isEqualTo("Healthy");
    assertThat(deployment("solo-milvus-standalone").getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(cluster.eventsAbout("solo")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("RollingComponent");
      assertThat(e.getMessage()).contains("Recreate", "message queue");
    });
  }

  @Test
  void mixCoordClusterRollsInDependencyOrderWithoutLosingAvailability() {
    cluster.create(mixCoordCluster("mixed", V23));
    cluster.awaitStatus("mixed", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "mixed");
        ReadyPodRecorder queryNodes = new ReadyPodRecorder(cluster.user, "mixed", "querynode")) {
      patchImage("mixed", V24);
      awaitUpdatedTo("mixed", V24);
      assertThat(recorder.orderTo(V24)).containsExactly("mixed-milvus-indexnode", "mixed-milvus-mixcoord",
          "mixed-milvus-querynode-1", "mixed-milvus-datanode", "mixed-milvus-proxy");
      assertThat(queryNodes.minReady()).as("queryNode pods ready at every moment, across both groups")
          .isGreaterThanOrEqualTo(2);
    }
    assertThat(deployment("mixed-milvus-querynode-0").getSpec().getReplicas()).as("the old group").isZero();
    assertThat(cluster.get("mixed").getMetadata().getAnnotations())
        .containsEntry("milvus.io/querynode-current-group-id", "1");
    assertThat(cluster.get("mixed").getMetadata().getLabels()).doesNotContainKey("milvus.io/querynode-rolling-id");
    assertThat(cluster.get("mixed").getStatus().getRollingModeVersion()).isEqualTo(2);
    for (String component : List.of("indexnode", "mixcoord", "datanode", "proxy")) {
      assertThat(cluster.sim.availability().minReadySinceAvailable("default", "mixed-milvus-" + component))
          .as("%s never had zero ready pods", component).isGreaterThanOrEqualTo(1);
    }
    assertThat(cluster.eventsAbout("mixed")).extracting(e -> e.getReason()).contains("RollingComponent", "ImageUpdated");
  }

  @Test
  void classicClusterRollsCoordinatorsOneByOne() {
    cluster.create(classicCluster("classic", V23));
    cluster.awaitStatus("classic", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "classic")) {
      patchImage("classic", V24);
      awaitUpdatedTo("classic", V24);
      assertThat(recorder.orderTo(V24)).containsExactly("classic-milvus-indexnode", "classic-milvus-rootcoord",
          "classic-milvus-datacoord", "classic-milvus-indexcoord", "classic-milvus-querycoord",
          "classic-milvus-querynode-1", "classic-milvus-datanode", "classic-milvus-proxy");
    }
    assertThat(deployment("classic-milvus-rootcoord").getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
        .as("active-standby coordinators surge").isEqualTo(1);
  }

  @Test
  void aRollingDowngradeGoesInReverseOrder() {
    cluster.create(mixCoordCluster("down", V24));
    cluster.awaitStatus("down", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "down")) {
      patch("down", "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.4.5\","
          + "\"imageUpdateMode\":\"rollingDowngrade\"}}}");
      awaitUpdatedTo("down", "milvusdb/milvus:v2.4.5");
      assertThat(recorder.orderTo("milvusdb/milvus:v2.4.5")).containsExactly("down-milvus-proxy",
          "down-milvus-datanode", "down-milvus-querynode-1", "down-milvus-mixcoord", "down-milvus-indexnode");
    }
  }

  @Test
  void allModeReplacesEveryImageAtOnce() {
    cluster.create(mixCoordCluster("everything", V23).replace("enableRollingUpdate: true", "imageUpdateMode: all"));
    cluster.awaitStatus("everything", "Healthy");

    patchImage("everything", V24);

    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(
        cluster.user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", "everything")
            .list().getItems()).filteredOn(d -> d.getSpec().getReplicas() > 0)
        .as("the idle queryNode group keeps the previous template to go back to")
        .allSatisfy(d -> assertThat(imageOf(d)).isEqualTo(V24)));
    awaitUpdatedTo("everything", V24);
  }

  @Test
  void intoMilvus26TheTopologyChangesInOrder() {
    cluster.create(withAnnotation(mixCoordCluster("stream", "milvusdb/milvus:v2.5.16"), "stream",
        "milvus.io/upgrade-path", "required"));
    cluster.awaitStatus("stream", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "stream")) {
      patchImage("stream", "milvusdb/milvus:v2.6.5");
      awaitUpdatedTo("stream", "milvusdb/milvus:v2.6.5");
      assertThat(recorder.orderTo("milvusdb/milvus:v2.6.5")).containsExactly("stream-milvus-mixcoord",
          "stream-milvus-querynode-1", "stream-milvus-datanode", "stream-milvus-proxy");
    }
    assertThat(deployment("stream-milvus-streamingnode")).as("streaming nodes were added").isNotNull();
    await().atMost(OperatorHarness.PATIENCE).until(() -> deployment("stream-milvus-indexnode") == null);
    assertThat(cluster.eventsAbout("stream")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RemovedComponent"));
  }

  @Test
  void aConfigChangeThatRestartsPodsRollsInDependencyOrderToo() {
    cluster.create(mixCoordCluster("reconfigured", V24).replace("enableRollingUpdate: true",
        "enableRollingUpdate: true\n    updateConfigMapOnly: false"));
    cluster.awaitStatus("reconfigured", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "reconfigured")) {
      patch("reconfigured", "{\"spec\":{\"config\":{\"common\":{\"retentionDuration\":7200}}}}");
      await().atMost(OperatorHarness.PATIENCE).until(() -> recorder.order().size() == 5
          && cluster.condition("reconfigured", "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false));
      assertThat(recorder.order()).containsExactly("reconfigured-milvus-indexnode", "reconfigured-milvus-mixcoord",
          "reconfigured-milvus-querynode-1", "reconfigured-milvus-datanode", "reconfigured-milvus-proxy");
    }
  }

  @Test
  void aClusterOnInClusterKafkaComesUpAndUpgrades() {
    cluster.create(mixCoordCluster("kraft", V23).replace("pulsar: {external: true, endpoint: \"pulsar.example:6650\"}",
        "msgStreamType: kafka"));
    cluster.awaitStatus("kraft", "Healthy");
    assertThat(cluster.ns().apps().statefulSets().withName("kraft-kafka").get().getStatus().getReadyReplicas())
        .isEqualTo(3);

    patchImage("kraft", V24);
    awaitUpdatedTo("kraft", V24);
  }

  @Test
  void anExpertMayOverrideARefusedJumpAndIsWarned() {
    cluster.create(mixCoordCluster("expert", "milvusdb/milvus:v2.4.23")
        .replace("metadata:\n  name: expert", "metadata:\n  name: expert\n  annotations:\n    milvus.io/allow-unsafe-upgrade: \"true\""));
    cluster.awaitStatus("expert", "Healthy");

    patchImage("expert", "milvusdb/milvus:v2.6.5");

    awaitUpdatedTo("expert", "milvusdb/milvus:v2.6.5");
    assertThat(cluster.eventsAbout("expert")).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("UnsafeUpgradeAllowed");
    });
  }

  @Test
  void aJumpMilvusDoesNotSupportIsRefusedAndNothingChangesWhenTheUserAsksNotToWalk() {
    cluster.create(withAnnotation(mixCoordCluster("jumper", "milvusdb/milvus:v2.4.23"), "jumper",
        "milvus.io/upgrade-path", "refuse"));
    cluster.awaitStatus("jumper", "Healthy");
    String before = deployment("jumper-milvus-proxy").getMetadata().getResourceVersion();

    patchImage("jumper", "milvusdb/milvus:v2.6.5");

    MilvusCondition refused = cluster.awaitCondition("jumper", "SpecValid", "False");
    assertThat(refused.getReason()).isEqualTo("UpgradeRefused");
    assertThat(refused.getMessage()).contains("v2.5.16");
    assertThat(deployment("jumper-milvus-proxy").getMetadata().getResourceVersion()).isEqualTo(before);
    MilvusCondition updated = cluster.condition("jumper", "MilvusUpdated").orElseThrow();
    assertThat(updated.getStatus()).as("kubectl get milvus shows UPDATED False").isEqualTo("False");
    assertThat(updated.getReason()).isEqualTo("UpgradeRefused");
  }

  @Test
  void theOverrideAnnotationTakesEffectWithoutASpecChange() {
    cluster.create(withAnnotation(mixCoordCluster("annotated-later", "milvusdb/milvus:v2.4.23"), "annotated-later",
        "milvus.io/upgrade-path", "refuse"));
    cluster.awaitStatus("annotated-later", "Healthy");
    patchImage("annotated-later", "milvusdb/milvus:v2.6.5");
    cluster.awaitCondition("annotated-later", "SpecValid", "False");

    cluster.user.resources(Milvus.class).inNamespace("default").withName("annotated-later").edit(m -> {
      m.getMetadata().getAnnotations().put("milvus.io/allow-unsafe-upgrade", "true");
      return m;
    });

    awaitUpdatedTo("annotated-later", "milvusdb/milvus:v2.6.5");
  }

  @Test
  void aStalledComponentStopsTheRolloutAndAFixedImageResumesIt() {
    cluster.restartWithRolloutDeadline(Duration.ofSeconds(3));
    try {
      String broken = "milvusdb/milvus:v2.4.22-broken";
      cluster.sim.scripts().forImage(broken, PodBehaviour.crashLoop());
      cluster.create(mixCoordCluster("stuck", V23));
      cluster.awaitStatus("stuck", "Healthy");

      patchImage("stuck", broken);

      await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
        MilvusCondition updated = cluster.condition("stuck", "MilvusUpdated").orElseThrow();
        assertThat(updated.getReason()).isEqualTo("RolloutStalled");
        assertThat(updated.getMessage()).contains("indexnode", "pod stuck-milvus-indexnode-", "CrashLoopBackOff");
      });
      assertThat(imageOf(deployment("stuck-milvus-mixcoord"))).as("nothing after the stalled component moved")
          .isEqualTo(V23);

      patchImage("stuck", V24);
      awaitUpdatedTo("stuck", V24);
    } finally {
      cluster.restartWithRolloutDeadline(Duration.ofMinutes(10));
    }
  }

  @Test
  void theOperatorRestartedAtEveryStepCompletesTheUpgradeWithNoStepTwice() {
    cluster.create(mixCoordCluster("phoenix", V23));
    cluster.awaitStatus("phoenix", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "phoenix")) {
      patchImage("phoenix", V24);
      for (int step = 1; step <= 5; step++) {
        int changed = step;
        await().atMost(OperatorHarness.PATIENCE).until(() -> recorder.orderTo(V24).size() >= changed);
        cluster.stopOperator();
        cluster.startOperator();
      }
      awaitUpdatedTo("phoenix", V24);
      assertThat(recorder.orderTo(V24)).doesNotHaveDuplicates().containsExactly("phoenix-milvus-indexnode",
          "phoenix-milvus-mixcoord", "phoenix-milvus-querynode-1", "phoenix-milvus-datanode", "phoenix-milvus-proxy");
      assertThat(recorder.changes()).as("each Deployment changed once").hasSize(5);
    }
  }

  private static void awaitUpdatedTo(String name, String image) {
    await().atMost(OperatorHarness.PATIENCE).until(() -> {
      Milvus m = cluster.get(name);
      return image.equals(m.getStatus().getCurrentImage())
          && cluster.condition(name, "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false);
    });
  }

  private static void patchImage(String name, String image) {
    patch(name, "{\"spec\":{\"components\":{\"image\":\"" + image + "\"}}}");
  }

  /** What {@code kubectl patch -f milvusupgrade.yaml --patch-file milvusupgrade.yaml --type merge} sends. */
  private static void patch(String name, String mergePatch) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private static Deployment deployment(String name) {
    return cluster.user.apps().deployments().inNamespace("default").withName(name).get();
  }

  private static String imageOf(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  static String withAnnotation(String yaml, String name, String key, String value) {
    return yaml.replace("metadata:\n  name: " + name + "\n",
        "metadata:\n  name: " + name + "\n  annotations:\n    " + key + ": \"" + value + "\"\n");
  }

  static String standalone(String name, String image) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          components:
            enableRollingUpdate: true
            imageUpdateMode: rollingUpgrade
            image: %s
        """.formatted(name, image);
  }

  static String mixCoordCluster(String name, String image) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          mode: cluster
          components:
            enableRollingUpdate: true
            image: %s
            mixCoord: {replicas: 1}
            queryNode: {replicas: 2}
          dependencies:
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name, image);
  }

  static String classicCluster(String name, String image) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          mode: cluster
          components:
            enableRollingUpdate: true
            image: %s
            rootCoord: {replicas: 1}
            dataCoord: {replicas: 1}
            queryCoord: {replicas: 1}
            indexCoord: {replicas: 1}
          dependencies:
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name, image);
  }
}
