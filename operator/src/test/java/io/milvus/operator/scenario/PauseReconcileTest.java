package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator pauses a Milvus with upstream's annotation, edits it by hand, then lets the operator back in. */
class PauseReconcileTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void aPausedMilvusIsLeftAloneAndSaysSoUntilTheAnnotationGoes() {
    cluster.create(TestMilvus.SEED.replace("my-release", "paused"));
    cluster.awaitStatus("paused", "Healthy");

    patch("{\"metadata\":{\"annotations\":{\"milvus.io/pause-reconcile\":\"true\"}}}");
    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() -> {
      MilvusCondition reconciled = cluster.condition("paused", "Reconciled").orElseThrow();
      assertThat(reconciled.getStatus()).isEqualTo("False");
      assertThat(reconciled.getReason()).isEqualTo("ReconcilePaused");
    });
    patch("{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.4.24\"}}}");
    cluster.user.apps().deployments().inNamespace("default").withName("paused-milvus-standalone").delete();

    await().during(java.time.Duration.ofSeconds(2)).atMost(OperatorHarness.PATIENCE).untilAsserted(() ->
        assertThat(standalone()).as("a deleted Deployment is not put back while paused").isNull());
    assertThat(cluster.eventsAbout("paused")).filteredOn(e -> "ReconcilePaused".equals(e.getReason())).hasSize(1);

    patch("{\"metadata\":{\"annotations\":{\"milvus.io/pause-reconcile\":null}}}");
    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() -> {
      assertThat(standalone().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("milvusdb/milvus:v2.4.24");
      assertThat(cluster.condition("paused", "Reconciled")).isEmpty();
    });
  }

  private static Deployment standalone() {
    return cluster.user.apps().deployments().inNamespace("default").withName("paused-milvus-standalone").get();
  }

  private static void patch(String json) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName("paused")
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }
}
