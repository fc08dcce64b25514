package io.milvus.operator.scenario;

import static io.milvus.operator.scenario.RollingUpgradeTest.classicCluster;
import static io.milvus.operator.scenario.RollingUpgradeTest.mixCoordCluster;
import static io.milvus.operator.scenario.RollingUpgradeTest.standalone;
import static io.milvus.operator.scenario.RollingUpgradeTest.withAnnotation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.UpgradePathStatus;
import io.milvus.operator.kubesim.PodBehaviour;
import io.milvus.operator.render.RunningQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user asks for a version several supported steps away, and the operator walks there hop by hop, each hop a rolling
 * upgrade that must be healthy before the next starts (docs/upgrade-paths.md).
 */
class UpgradePathTest {

  static final String V245 = "milvusdb/milvus:v2.4.5";
  static final String V24 = "milvusdb/milvus:v2.4.23";
  static final String V25 = "milvusdb/milvus:v2.5.26";
  static final String V26 = "milvusdb/milvus:v2.6.11";
  static final Duration WALK = Duration.ofSeconds(90);
  static final Duration LONG_WALK = Duration.ofMinutes(4);
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void from245To26ViaTheLatest24And25PatchesEachHopHealthyBeforeTheNext() {
    cluster.create(mixCoordCluster("walker", V245));
    cluster.awaitStatus("walker", "Healthy");

    List<String> hopsSeen = new CopyOnWriteArrayList<>();
    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "walker")) {
      patchImage("walker", V26);
      await().atMost(WALK).until(() -> {
        UpgradePathStatus path = cluster.get("walker").getStatus().getUpgradePath();
        if (path != null && (hopsSeen.isEmpty() || !hopsSeen.get(hopsSeen.size() - 1).equals(path.getHop()))) {
          hopsSeen.add(path.getHop());
        }
        return walkedTo("walker", V26);
      });
      assertThat(imagesPerDeployment(recorder).get("walker-milvus-proxy")).as("the proxy went through every hop")
          .containsExactly(V24, V25, V26);
      assertThat(imagesPerDeployment(recorder).get("walker-milvus-mixcoord")).containsExactly(V24, V25, V26);
      assertThat(recorder.orderTo(V25)).as("each hop is a rolling upgrade in dependency order").containsExactly(
          // rolling mode 2: the 2.4 hop went into queryNode group 1, so the 2.5 hop goes into group 0
          "walker-milvus-indexnode", "walker-milvus-mixcoord", "walker-milvus-querynode-0", "walker-milvus-datanode",
          "walker-milvus-proxy");
    }
    assertThat(hopsSeen).as("kubectl get milvus -o wide showed each hop").containsSubsequence("v2.4.23", "v2.5.26",
        "v2.6.11");
    // the completion Event follows the status write that ends the walk
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(reasons("walker"))
        .containsSubsequence("UpgradePathPlanned", "UpgradeHop", "UpgradeHop", "UpgradePathCompleted"));
    assertThat(cluster.eventsAbout("walker")).filteredOn(e -> "ImageUpdated".equals(e.getReason()))
        .extracting(Event::getMessage).contains("Milvus now runs " + V24, "Milvus now runs " + V25,
            "Milvus now runs " + V26);
    assertThat(cluster.get("walker").getStatus().getUpgradePath()).as("nothing left to walk").isNull();
  }

  @Test
  void aHopThatStallsStopsTheWalkOnTheLastHealthyVersionSaysWhichPodAndWhyThenResumes() {
    String stallingHop = V25;
    cluster.sim.scripts().forImage(stallingHop, PodBehaviour.crashLoop());
    try {
      cluster.create(withAnnotation(mixCoordCluster("stall", V24), "stall", "milvus.io/upgrade-path", "required"));
      cluster.awaitStatus("stall", "Healthy");

      patchImage("stall", V26);

      await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
        UpgradePathStatus path = cluster.get("stall").getStatus().getUpgradePath();
        assertThat(path).isNotNull();
        assertThat(path.getTarget()).isEqualTo("v2.6.11");
        assertThat(path.getHop()).isEqualTo("v2.5.26");
        assertThat(path.getWaiting()).contains("indexnode", "pod stall-milvus-indexnode-", "CrashLoopBackOff");
      });
      assertThat(cluster.get("stall").getStatus().getCurrentImage()).as("still on the last healthy version")
          .isEqualTo(V24);
      assertThat(cluster.user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance",
          "stall").list().getItems()).noneSatisfy(d -> assertThat(imageOf(d)).isEqualTo(V26));
      assertThat(cluster.condition("stall", "MilvusUpdated").orElseThrow().getStatus()).isEqualTo("False");

      cluster.sim.scripts().forImage(stallingHop, PodBehaviour.readyAfter(Duration.ofMillis(50)));

      await().atMost(WALK).until(() -> walkedTo("stall", V26));
    } finally {
      cluster.sim.scripts().forImage(stallingHop, PodBehaviour.readyAfter(Duration.ofMillis(50)));
    }
  }

  @Test
  void separateCoordinatorsMergeIntoMixCoordAsANamedStepBefore26() {
    cluster.create(withAnnotation(classicCluster("classic26", "milvusdb/milvus:v2.5.16"), "classic26",
        "milvus.io/upgrade-path", "required"));
    cluster.awaitStatus("classic26", "Healthy");

    patchImage("classic26", V26);

    await().atMost(WALK).until(() -> walkedTo("classic26", V26));
    assertThat(cluster.eventsAbout("classic26")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("UpgradePathPlanned");
      assertThat(e.getMessage()).contains("v2.5.16 mixCoord > v2.6.11");
    });
    assertThat(deployment("classic26-milvus-mixcoord")).isNotNull();
    await().atMost(OperatorHarness.PATIENCE).until(() -> deployment("classic26-milvus-rootcoord") == null
        && deployment("classic26-milvus-querycoord") == null);
  }

  @Test
  void aStandaloneKeepsItsMessageQueueWhenItMovesTo26() {
    cluster.create(standalone("keeper", V25));
    cluster.awaitStatus("keeper", "Healthy");
    assertThat(queueOf("keeper")).isEqualTo("rocksmq");

    patchImage("keeper", V26);

    await().atMost(WALK).until(() -> walkedTo("keeper", V26));
    assertThat(queueOf("keeper")).as("2.6's default (woodpecker) is for new Milvus only").isEqualTo("rocksmq");
  }

  @Test
  void aNewMilvusNamingNoImageGets2611WithWoodpecker() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: fresh
        spec: {}
        """);
    cluster.awaitStatus("fresh", "Healthy");

    assertThat(cluster.get("fresh").getStatus().getCurrentImage()).isEqualTo(V26);
    assertThat(queueOf("fresh")).isEqualTo("woodpecker");
  }

  @Test
  void aDowngradeAcross26IsRefusedWithTheReasonAndNothingChanges() {
    cluster.create(mixCoordCluster("backwards", V26));
    cluster.awaitStatus("backwards", "Healthy");
    String before = deployment("backwards-milvus-proxy").getMetadata().getResourceVersion();

    patchImage("backwards", V25);

    var refused = cluster.awaitCondition("backwards", "SpecValid", "False");
    assertThat(refused.getReason()).isEqualTo("UpgradeRefused");
    assertThat(refused.getMessage()).contains("cannot go back");
    assertThat(deployment("backwards-milvus-proxy").getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void theOperatorRestartedInTheMiddleOfEveryHopRunsNoHopTwice() {
    cluster.create(mixCoordCluster("phoenix-walk", V245));
    cluster.awaitStatus("phoenix-walk", "Healthy");

    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "phoenix-walk")) {
      patchImage("phoenix-walk", V26);
      for (String hop : List.of(V24, V25, V26)) {
        // mid-hop: the second component of the hop has just moved
        await().atMost(WALK).until(() -> recorder.orderTo(hop).size() >= 2);
        cluster.stopOperator();
        cluster.startOperator();
      }
      await().atMost(WALK).until(() -> walkedTo("phoenix-walk", V26));
      Map<String, List<String>> images = imagesPerDeployment(recorder);
      assertThat(images.get("phoenix-walk-milvus-proxy")).containsExactly(V24, V25, V26);
      assertThat(images.get("phoenix-walk-milvus-mixcoord")).containsExactly(V24, V25, V26);
      // rolling mode 2: each hop goes into the idle queryNode group, so the two groups share the hops between them
      List<String> queryNodeHops = new ArrayList<>();
      queryNodeHops.addAll(images.getOrDefault("phoenix-walk-milvus-querynode-0", List.of()));
      queryNodeHops.addAll(images.getOrDefault("phoenix-walk-milvus-querynode-1", List.of()));
      assertThat(queryNodeHops).filteredOn(List.of(V24, V25, V26)::contains).containsExactlyInAnyOrder(V24, V25, V26);
      assertThat(images.get("phoenix-walk-milvus-datanode")).containsExactly(V24, V25, V26);
      assertThat(images.get("phoenix-walk-milvus-indexnode")).as("index nodes end with 2.5").containsExactly(V24, V25);
    }
  }

  // ---- the user changes the target while a hop runs: the hop in progress is held (its image's pods crash) with its
  // first component (indexnode) moved, so "in the middle of hop 2" is a state, not a moment

  @Test
  void aFartherTargetDuringHop2ContinuesTheHopInProgressAndNoComponentMovesTwiceOrBack() {
    String from = "milvusdb/milvus:v2.3.5";
    String first = "milvusdb/milvus:v2.3.21";
    cluster.create(mixCoordCluster("farther", from));
    cluster.awaitStatus("farther", "Healthy");
    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "farther")) {
      holdHop(V24, () -> {
        patchImage("farther", "milvusdb/milvus:v2.5.16"); // v2.3.21 > v2.4.23 > v2.5.16
        awaitHopHeld("farther", recorder, V24);

        patchImage("farther", V26);

        await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
          UpgradePathStatus path = cluster.get("farther").getStatus().getUpgradePath();
          assertThat(path.getTarget()).isEqualTo("v2.6.11");
          assertThat(path.getHop()).as("the hop in progress goes on").isEqualTo("v2.4.23");
          assertThat(path.getHops()).extracting(h -> h.getVersion() + " " + h.getState()).containsExactly(
              "v2.3.21 Done", "v2.4.23 InProgress", "v2.5.26 Planned", "v2.6.11 Planned");
        });
        awaitEvent("farther", "UpgradePathReplanned", "from v2.5.16 to v2.6.11", "continuing hop 2 of 4");
      });
      await().atMost(LONG_WALK).until(() -> walkedTo("farther", V26));

      Map<String, List<String>> images = hopsPerDeployment(recorder);
      assertThat(images.get("farther-milvus-proxy")).containsExactly(first, V24, V25, V26);
      assertThat(images.get("farther-milvus-indexnode")).as("moved once to v2.4.23, never back")
          .containsExactly(first, V24, V25);
      images.values().forEach(UpgradePathTest::assertOnlyForwards);
    }
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(reasons("farther"))
        .contains("UpgradePathPlanned", "UpgradePathReplanned", "UpgradePathCompleted"));
  }

  @Test
  void aNearerTargetDuringHop2LetsTheHopFinishThenGoesBackAsAWholeInReverseOrder() {
    String nearer = "milvusdb/milvus:v2.5.16";
    cluster.create(mixCoordCluster("nearer", V245));
    cluster.awaitStatus("nearer", "Healthy");
    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "nearer")) {
      holdHop(V25, () -> {
        patchImage("nearer", V26); // v2.4.23 > v2.5.26 > v2.6.11
        awaitHopHeld("nearer", recorder, V25);

        patchImage("nearer", nearer);

        await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
          UpgradePathStatus path = cluster.get("nearer").getStatus().getUpgradePath();
          assertThat(path.getTarget()).isEqualTo("v2.5.16");
          assertThat(path.getHops()).extracting(h -> h.getVersion() + " " + h.getState())
              .containsExactly("v2.4.23 Done", "v2.5.26 InProgress", "v2.5.16 Planned");
        });
        assertThat(recorder.orderTo(nearer)).as("nothing goes to v2.5.16 before the hop in progress has finished")
            .isEmpty();
      });
      await().atMost(LONG_WALK).until(() -> walkedTo("nearer", nearer));

      List<String> changes = recorder.changes().stream().map(RolloutRecorder.ImageChange::image).toList();
      assertThat(changes.indexOf(nearer)).as("the way back starts once every component runs v2.5.26")
          .isGreaterThan(changes.lastIndexOf(V25));
      assertThat(distinctInOrder(recorder.orderTo(nearer))).as("a downgrade goes in reverse dependency order")
          .containsSubsequence("nearer-milvus-proxy", "nearer-milvus-datanode", "nearer-milvus-mixcoord",
              "nearer-milvus-indexnode");
      assertThat(hopsPerDeployment(recorder).get("nearer-milvus-indexnode")).containsExactly(V24, V25, nearer);
    }
    awaitEvent("nearer", "RollingComponent", V25 + " -> " + nearer, "reverse dependency order");
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(reasons("nearer"))
        .contains("UpgradePathReplanned", "UpgradePathCompleted"));
    awaitEvent("nearer", "UpgradePathReplanned", "from v2.6.11 to v2.5.16", "v2.5.26 > v2.5.16");
  }

  @Test
  void backToTheRunningVersionDuringAStalledHopBringsTheMovedComponentsBackAndNothingElseMoves() {
    cluster.create(mixCoordCluster("homing", V245));
    cluster.awaitStatus("homing", "Healthy");
    try (RolloutRecorder recorder = new RolloutRecorder(cluster.user, "homing")) {
      holdHop(V25, () -> {
        patchImage("homing", V26);
        awaitHopHeld("homing", recorder, V25);

        patchImage("homing", V24);

        await().atMost(LONG_WALK).until(() -> walkedTo("homing", V24));
      });
      Map<String, List<String>> images = hopsPerDeployment(recorder);
      assertThat(images.get("homing-milvus-indexnode")).as("the moved component came back")
          .containsExactly(V24, V25, V24);
      assertThat(images.get("homing-milvus-proxy")).as("the others stayed where they were").containsExactly(V24);
      assertThat(images.get("homing-milvus-mixcoord")).containsExactly(V24);
    }
    assertThat(cluster.user.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance",
        "homing").list().getItems()).filteredOn(d -> !Integer.valueOf(0).equals(d.getSpec().getReplicas()))
        .allSatisfy(d -> assertThat(imageOf(d)).isEqualTo(V24));
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(reasons("homing"))
        .contains("UpgradePathReplanned", "UpgradePathCompleted"));
    awaitEvent("homing", "UpgradePathReplanned", "from v2.6.11 to v2.4.23");
  }

  @Test
  void anUnknownUpgradePathValueIsRefusedWithTheValuesItTakesAndNothingChanges() {
    cluster.create(mixCoordCluster("typo", V24));
    cluster.awaitStatus("typo", "Healthy");
    String before = deployment("typo-milvus-proxy").getMetadata().getResourceVersion();

    cluster.user.resources(Milvus.class).inNamespace("default").withName("typo").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"milvus.io/upgrade-path\":"
            + "\"fastest\"}},\"spec\":{\"components\":{\"image\":\"" + V26 + "\"}}}");

    var refused = cluster.awaitCondition("typo", "SpecValid", "False");
    assertThat(refused.getReason()).isEqualTo("InvalidAnnotation");
    assertThat(refused.getMessage()).contains("\"fastest\"", "recommended", "required", "refuse")
        .doesNotContain("allow-unsafe-upgrade");
    assertThat(awaitEvent("typo", "InvalidAnnotation", "fastest").getType()).isEqualTo("Warning");
    assertThat(deployment("typo-milvus-proxy").getMetadata().getResourceVersion()).isEqualTo(before);
  }

  /** Pods of {@code image} crash until {@code whileHeld} has run; then they get ready. */
  private static void holdHop(String image, Runnable whileHeld) {
    cluster.sim.scripts().forImage(image, PodBehaviour.crashLoop());
    try {
      whileHeld.run();
    } finally {
      cluster.sim.scripts().forImage(image, PodBehaviour.readyAfter(Duration.ofMillis(50)));
    }
  }

  /** The hop to {@code image} is in progress, its first component moved and waiting for its pods. */
  private static void awaitHopHeld(String name, RolloutRecorder recorder, String image) {
    await().atMost(WALK).untilAsserted(() -> {
      assertThat(recorder.orderTo(image)).contains(name + "-milvus-indexnode");
      UpgradePathStatus path = cluster.get(name).getStatus().getUpgradePath();
      assertThat(path).isNotNull();
      assertThat(path.getHop()).isEqualTo(MilvusVersion.fromImage(image).orElseThrow().toString());
      assertThat(path.getWaiting()).contains("indexnode");
    });
  }

  /** Each Deployment's images in the order it ran them, a change of spec revision alone not counting. */
  private static Map<String, List<String>> hopsPerDeployment(RolloutRecorder recorder) {
    Map<String, List<String>> images = new TreeMap<>();
    recorder.changes().forEach(c -> {
      List<String> seen = images.computeIfAbsent(c.deployment(), d -> new ArrayList<>());
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(c.image())) {
        seen.add(c.image());
      }
    });
    return images;
  }

  private static void assertOnlyForwards(List<String> images) {
    assertThat(images.stream().map(i -> MilvusVersion.fromImage(i).orElseThrow()).toList())
        .as("no image twice, none older than the one before: %s", images).isSortedAccordingTo(Comparator.naturalOrder())
        .doesNotHaveDuplicates();
  }

  private static List<String> distinctInOrder(List<String> names) {
    return names.stream().distinct().toList();
  }

  /** Events are written after the status they tell of: awaited, not assumed. */
  private static Event awaitEvent(String name, String reason, String... saying) {
    return await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.eventsAbout(name).stream()
        .filter(e -> reason.equals(e.getReason()) && Arrays.stream(saying).allMatch(e.getMessage()::contains))
        .findFirst(), Optional::isPresent).orElseThrow();
  }

  private static boolean walkedTo(String name, String image) {
    Milvus m = cluster.get(name);
    return image.equals(m.getStatus().getCurrentImage()) && m.getStatus().getUpgradePath() == null
        && cluster.condition(name, "MilvusUpdated").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static Map<String, List<String>> imagesPerDeployment(RolloutRecorder recorder) {
    Map<String, List<String>> images = new TreeMap<>();
    recorder.changes().forEach(c -> images.computeIfAbsent(c.deployment(), d -> new ArrayList<>()).add(c.image()));
    return images;
  }

  /** In the order written: timestamps have whole seconds, and kube-sim's resource versions count up per write. */
  private static List<String> reasons(String name) {
    return cluster.eventsAbout(name).stream()
        .sorted(Comparator.comparing((Event e) -> e.getMetadata().getCreationTimestamp())
            .thenComparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(Event::getReason).toList();
  }

  private static String queueOf(String name) {
    return RunningQueue.of(cluster.ns().configMaps().withName(name).get()).orElse(null);
  }

  private static void patchImage(String name, String image) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"" + image + "\"}}}");
  }

  private static Deployment deployment(String name) {
    return cluster.user.apps().deployments().inNamespace("default").withName(name).get();
  }

  private static String imageOf(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
