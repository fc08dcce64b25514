package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone edits, scales or deletes what the operator owns by hand: it is put back on the object's own watch event and
 * told in an Event; what the user owns (a replica count left to an autoscaler, what other tools add) is left alone;
 * data is never replaced silently.
 */
class DriftTest {

  static final String IMAGE = "milvusdb/milvus:v2.4.23";

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void anImageChangedByHandOnTheDeploymentIsPutBack() {
    healthy("edited-image");

    patchDeployment("edited-image", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"milvus\","
        + "\"image\":\"someone/else:latest\"}]}}}}");

    await().atMost(OperatorHarness.PATIENCE).until(() -> image(deployment("edited-image")).equals(IMAGE));
    // the Event follows the write it tells of
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(restoredEvents("edited-image"))
        .anyMatch(e -> e.getMessage().contains("Deployment edited-image-milvus-standalone")
            && e.getMessage().contains("image")));
  }

  @Test
  void aDeploymentScaledByHandIsScaledBack() {
    healthy("scaled");

    cluster.ns().apps().deployments().withName("scaled-milvus-standalone").scale(3);

    await().atMost(OperatorHarness.PATIENCE).until(() -> deployment("scaled").getSpec().getReplicas() == 1);
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() ->
        assertThat(restoredEvents("scaled")).anyMatch(e -> e.getMessage().contains("spec.replicas")));
  }

  @Test
  void anEditedConfigMapIsPutBack() {
    healthy("edited-config");
    String before = cluster.ns().configMaps().withName("edited-config").get().getData().get("user.yaml");

    cluster.ns().configMaps().withName("edited-config").edit(cm -> {
      cm.getData().put("user.yaml", "log:\n  level: debug\n");
      return cm;
    });

    await().atMost(OperatorHarness.PATIENCE).until(() ->
        before.equals(cluster.ns().configMaps().withName("edited-config").get().getData().get("user.yaml")));
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(restoredEvents("edited-config"))
        .anyMatch(e -> e.getMessage().contains("ConfigMap edited-config")));
  }

  @Test
  void deletedServiceAndDeploymentAreMadeAgain() {
    healthy("deleted-objects");

    cluster.ns().services().withName("deleted-objects-milvus").delete();
    cluster.ns().apps().deployments().withName("deleted-objects-milvus-standalone").delete();

    await().atMost(OperatorHarness.PATIENCE).until(() ->
        cluster.ns().services().withName("deleted-objects-milvus").get() != null
            && cluster.ns().apps().deployments().withName("deleted-objects-milvus-standalone").get() != null);
    cluster.awaitStatus("deleted-objects", "Healthy");
    // told in one Event, or two when the deletions reached the operator in two reconciles
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(restoredEvents("deleted-objects"))
        .extracting(Event::getMessage)
        .anyMatch(m -> m.matches("Restored .*Service deleted-objects-milvus(, which was deleted| \\(deleted\\)).*"))
        .anyMatch(m -> m.matches(
            "Restored .*Deployment deleted-objects-milvus-standalone(, which was deleted| \\(deleted\\)).*")));
  }

  @Test
  void whatARolloutRestartAddsIsNotTheOperatorsAndStays() {
    healthy("restarted");

    cluster.operatorCalls.clear();
    patchDeployment("restarted", "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
        + "{\"kubectl.kubernetes.io/restartedAt\":\"2026-12-07T10:00:00Z\"}}}}}");

    // the restart rolls the pods and several resyncs pass: the operator writes nothing to the Deployment
    cluster.awaitStatus("restarted", "Healthy");
    await().pollDelay(OperatorHarness.RESYNC.multipliedBy(3)).atMost(OperatorHarness.PATIENCE).until(() -> true);
    assertThat(deployment("restarted").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-12-07T10:00:00Z");
    assertThat(cluster.operatorCalls.calls()).filteredOn(c -> c.isWrite() && "deployments".equals(c.resource()))
        .isEmpty();
    assertThat(restoredEvents("restarted")).isEmpty();
  }

  @Test
  void whatTheApiServerDefaultsIsNotDrift() {
    healthy("defaulted");

    // the stored objects carry the server's defaults, which the rendered ones leave out
    assertThat(deployment("defaulted").getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(deployment("defaulted").getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
    cluster.operatorCalls.clear();
    await().pollDelay(OperatorHarness.RESYNC.multipliedBy(3)).atMost(OperatorHarness.PATIENCE).until(() -> true);
    assertThat(cluster.operatorCalls.calls())
        .filteredOn(c -> c.isWrite() && c.name() != null && c.name().startsWith("defaulted")).isEmpty();
    assertThat(restoredEvents("defaulted")).isEmpty();
  }

  @Test
  void aDeletedSecretOfKeysIsReportedNotRegenerated() {
    healthy("lost-keys");
    String accessKey = cluster.ns().secrets().withName("lost-keys-minio").get().getData().get("accesskey");

    cluster.ns().secrets().withName("lost-keys-minio").delete();

    MilvusCondition storage = cluster.awaitCondition("lost-keys", "StorageReady", "False");
    assertThat(storage.getReason()).isEqualTo("StorageSecretMissing");
    assertThat(storage.getMessage()).contains("Secret lost-keys-minio", "Restore it");
    assertThat(cluster.ns().secrets().withName("lost-keys-minio").get()).isNull();
    assertThat(cluster.eventsAbout("lost-keys")).anyMatch(e -> "Warning".equals(e.getType())
        && "StorageSecretMissing".equals(e.getReason()));

    // the user restores it from their backup: storage is ready again, with the old keys
    cluster.user.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("lost-keys-minio").withNamespace("default")
        .withLabels(java.util.Map.of("app.kubernetes.io/instance", "lost-keys",
            "app.kubernetes.io/managed-by", "milvus-operator"))
        .endMetadata().withData(java.util.Map.of("accesskey", accessKey, "secretkey", "c2VjcmV0")).build()).create();
    cluster.awaitCondition("lost-keys", "StorageReady", "True");
  }

  @Test
  void aDeletedDataVolumeIsReportedNotMadeAgainEmpty() {
    healthy("lost-volume");

    // while the pod uses it, the claim only terminates (pvc-protection): that is already too late to stay silent
    cluster.ns().persistentVolumeClaims().withName("lost-volume-data").delete();

    MilvusCondition queue = cluster.awaitCondition("lost-volume", "MsgStreamReady", "False");
    assertThat(queue.getReason()).isEqualTo("DataVolumeMissing");
    assertThat(queue.getMessage()).contains("PersistentVolumeClaim lost-volume-data");
    assertThat(cluster.eventsAbout("lost-volume")).anyMatch(e -> "Warning".equals(e.getType())
        && "DataVolumeMissing".equals(e.getReason()));
  }

  @Test
  void replicasMinusOneLeaveTheCountToWhoeverScalesThroughAnUpgrade() {
    cluster.create(TestMilvus.SEED.replace("my-release", "autoscaled")
        .replace("    image: " + IMAGE, "    image: " + IMAGE + "\n    standalone:\n      replicas: -1"));
    cluster.awaitStatus("autoscaled", "Healthy");
    assertThat(deployment("autoscaled").getSpec().getReplicas()).isEqualTo(1);

    cluster.ns().apps().deployments().withName("autoscaled-milvus-standalone").scale(2);
    await().pollDelay(OperatorHarness.RESYNC.multipliedBy(2)).atMost(OperatorHarness.PATIENCE)
        .until(() -> deployment("autoscaled").getSpec().getReplicas() == 2);

    cluster.user.resources(Milvus.class).inNamespace("default").withName("autoscaled")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.4.24\"}}}");
    await().atMost(OperatorHarness.PATIENCE.multipliedBy(2)).until(() ->
        image(deployment("autoscaled")).equals("milvusdb/milvus:v2.4.24"));
    cluster.awaitCondition("autoscaled", "MilvusUpdated", "True");
    assertThat(deployment("autoscaled").getSpec().getReplicas()).isEqualTo(2);
    assertThat(restoredEvents("autoscaled")).isEmpty();
  }

  private static void healthy(String name) {
    cluster.create(TestMilvus.SEED.replace("my-release", name));
    cluster.awaitStatus(name, "Healthy");
  }

  private static void patchDeployment(String cr, String patch) {
    cluster.ns().apps().deployments().withName(cr + "-milvus-standalone")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
  }

  private static Deployment deployment(String cr) {
    return cluster.ns().apps().deployments().withName(cr + "-milvus-standalone").get();
  }

  private static String image(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static List<Event> restoredEvents(String name) {
    return cluster.eventsAbout(name).stream().filter(e -> "Restored".equals(e.getReason())).toList();
  }
}
