package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.upgrade.UpgradeConditions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user writes a MilvusUpgrade that cannot run: it is refused with a condition and an Event, and nothing of the
 * Milvus is touched. Once the cause goes away, the upgrade starts by itself.
 */
class MilvusUpgradeRefusalTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  static UpgradeHarness cluster;
  static Milvus steady;

  @BeforeAll
  static void startCluster() {
    cluster = UpgradeHarness.start(Duration.ofSeconds(20));
    steady = cluster.healthyStandalone("steady", V214);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @ParameterizedTest(name = "{1} -> {2}: {3}")
  @CsvSource({
      "no-migration, v2.2.3, v2.4.23, InvalidSpec, change spec.components.image of the Milvus instead",
      "old-target, v2.1.4, v2.1.9, InvalidSpec, targetVersion must be v2.2.0 or later",
      "wrong-source, v2.1.3, v2.4.23, SourceVersionMismatch, 'runs v2.1.4, not the sourceVersion v2.1.3'"})
  void aRefusedUpgradeTouchesNothingAndSaysWhy(String name, String source, String target, String reason,
      String message) {
    cluster.createUpgrade(name, "steady", source, target, "");

    Condition refused = awaitRefusal(name, UpgradeConditions.ACCEPTED);
    assertThat(refused.getReason()).isEqualTo(reason);
    assertThat(refused.getMessage()).contains(message, "nothing was touched");
    assertUntouched(name, "steady", steady);
  }

  @Test
  void aVersionTheCrdRefusesIsNeverStored() {
    KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
        () -> cluster.createUpgrade("bad-version", "steady", "v2.1.x", "v2.4.23", ""));

    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getStatus().getDetails().getCauses()).extracting(c -> c.getField()).contains("spec.sourceVersion");
    assertThat(refused.getStatus().getMessage()).contains("MilvusUpgrade.milvus.io \"bad-version\" is invalid");
    assertThat(cluster.milvus("steady").getMetadata().getGeneration()).isEqualTo(steady.getMetadata().getGeneration());
    assertThat(cluster.jobsOf("bad-version")).isEmpty();
  }

  @Test
  void anUpgradeOfAMissingMilvusWaitsForIt() {
    cluster.createUpgrade("early", "late", "v2.1.4", "v2.2.0", "");

    Condition refused = awaitRefusal("early", UpgradeConditions.CHECKING);
    assertThat(refused.getReason()).isEqualTo("GetMilvusFailed");
    assertThat(refused.getMessage()).contains("default/late not found");

    cluster.createMilvus("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: late
        spec:
          components:
            image: milvusdb/milvus:v2.1.4
          dependencies:
            etcd: {external: true, endpoints: ["etcd.example:2379"]}
            storage: {external: true, type: S3, endpoint: "s3.example:443"}
        """);

    MilvusUpgrade started = cluster.awaitState("early", "Succeeded");
    assertThat(started.getStatus().getConditions()).extracting(Condition::getType)
        .doesNotContain(UpgradeConditions.CHECKING);
  }

  @Test
  void aComponentLeftToAnAutoscalerIsRestartedWithItsLiveCountAndGivenBack() {
    cluster.createMilvus("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: scaled
        spec:
          components:
            image: milvusdb/milvus:v2.1.4
            standalone: {replicas: -1}
          dependencies:
            etcd: {external: true, endpoints: ["etcd.example:2379"]}
            storage: {external: true, type: S3, endpoint: "s3.example:443"}
        """);
    cluster.awaitHealthyOn("scaled", V214);
    cluster.user.apps().deployments().inNamespace("default").withName("scaled-milvus-standalone").scale(2);

    cluster.createUpgrade("scaled-upgrade", "scaled", "v2.1.4", "v2.2.0", "");

    MilvusUpgrade done = cluster.awaitState("scaled-upgrade", "Succeeded");
    assertThat(done.getStatus().getReplicasBeforeUpgrade().getStandalone()).as("the live count").isEqualTo(2);
    await().atMost(UpgradeHarness.PATIENCE).untilAsserted(() -> {
      Milvus milvus = cluster.user.resources(Milvus.class).inNamespace("default").withName("scaled").get();
      assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).as("given back").isEqualTo(-1);
      assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKey("milvus.io/autoscaled-before-upgrade");
      assertThat(cluster.user.apps().deployments().inNamespace("default").withName("scaled-milvus-standalone").get()
          .getSpec().getReplicas()).isEqualTo(2);
    });
  }

  @Test
  void aSecondUpgradeOfTheSameMilvusWaitsAndIsThenJudgedAgain() {
    cluster.healthyStandalone("shared", V214);
    cluster.tool.hold("first", "backup-meta");
    cluster.createUpgrade("first", "shared", "v2.1.4", "v2.4.23", "");
    cluster.awaitState("first", "BackupMeta");

    cluster.createUpgrade("second", "shared", "v2.1.4", "v2.2.0", "");

    Condition refused = awaitRefusal("second", UpgradeConditions.ACCEPTED);
    assertThat(refused.getReason()).isEqualTo("AnotherUpgradeInProgress");
    assertThat(refused.getMessage()).contains("MilvusUpgrade default/first already upgrades Milvus default/shared");
    assertThat(cluster.jobsOf("second")).isEmpty();

    cluster.tool.open("first", "backup-meta");
    cluster.awaitState("first", "Succeeded");

    await().atMost(UpgradeHarness.PATIENCE).untilAsserted(() ->
        assertThat(condition("second", UpgradeConditions.ACCEPTED).getReason()).isEqualTo("SourceVersionMismatch"));
    assertThat(condition("second", UpgradeConditions.ACCEPTED).getMessage()).contains("runs v2.4.23");
    assertThat(cluster.upgrade("second").getStatus().getState()).isNull();
  }

  private static Condition awaitRefusal(String upgrade, String type) {
    await().atMost(UpgradeHarness.PATIENCE).until(() -> {
      Condition c = condition(upgrade, type);
      return c != null && "False".equals(c.getStatus());
    });
    Condition refused = condition(upgrade, type);
    // a wait that resolves itself is told as Normal; a refusal that needs a person as a Warning
    String eventType = List.of("AnotherUpgradeInProgress", "MilvusNotObservedYet").contains(refused.getReason())
        ? "Normal" : "Warning";
    cluster.awaitEvents("MilvusUpgrade", upgrade, events -> assertThat(events).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo(eventType);
      assertThat(e.getReason()).isEqualTo(refused.getReason());
      assertThat(e.getMessage()).isEqualTo(refused.getMessage());
    }));
    return refused;
  }

  private static Condition condition(String upgrade, String type) {
    MilvusUpgrade u = cluster.upgrade(upgrade);
    return u == null || u.getStatus() == null ? null
        : UpgradeConditions.find(u.getStatus().getConditions(), type).orElse(null);
  }

  /** The Milvus spec and annotations are as they were, and the upgrade made no object. */
  private static void assertUntouched(String upgrade, String milvus, Milvus before) {
    Milvus now = cluster.milvus(milvus);
    assertThat(now.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(now.getMetadata().getAnnotations() == null ? Map.of() : now.getMetadata().getAnnotations())
        .doesNotContainKeys("milvus.io/stopped-at", "milvus.io/allow-unsafe-upgrade");
    assertThat(cluster.upgrade(upgrade).getStatus().getState()).isNull();
    assertThat(cluster.jobsOf(upgrade)).isEmpty();
    assertThat(cluster.user.persistentVolumeClaims().inNamespace("default").withName(upgrade).get()).isNull();
  }
}
