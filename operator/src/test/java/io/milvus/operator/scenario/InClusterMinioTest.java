package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.render.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MinIO as the MinIO chart's {@code mode: distributed} lays it out, and a running MinIO that keeps its layout. */
class InClusterMinioTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void aDistributedMinioServesMilvusFromEveryServersDrivesAndKeepsItsPools() {
    cluster.create(milvus("pools", "{mode: distributed, replicas: 4, drivesPerNode: 2}"));
    cluster.awaitStatus("pools", "Healthy");

    StatefulSet minio = cluster.ns().apps().statefulSets().withName("pools-minio").get();
    assertThat(minio.getSpec().getReplicas()).isEqualTo(4);
    assertThat(minio.getSpec().getServiceName()).isEqualTo("pools-minio-svc");
    assertThat(minio.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("http://pools-minio-{0...3}.pools-minio-svc.default.svc.cluster.local:9000/export-{0...1}");
    assertThat(cluster.ns().pods().withLabels(Labels.selector("pools", "minio")).list().getItems()).hasSize(4);
    assertThat(cluster.ns().persistentVolumeClaims().withLabels(Labels.selector("pools", "minio")).list().getItems())
        .extracting(PersistentVolumeClaim::getMetadata).extracting(m -> m.getName())
        .containsExactlyInAnyOrder("export-0-pools-minio-0", "export-1-pools-minio-0", "export-0-pools-minio-1",
            "export-1-pools-minio-1", "export-0-pools-minio-2", "export-1-pools-minio-2", "export-0-pools-minio-3",
            "export-1-pools-minio-3");
    assertThat(cluster.ns().services().withName("pools-minio-svc").get().getSpec().getClusterIP()).isEqualTo("None");
    PodDisruptionBudget budget = cluster.ns().policy().v1().podDisruptionBudget().withName("pools-minio").get();
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(cluster.condition("pools", "StorageReady").orElseThrow().getStatus()).isEqualTo("True");

    patchMinioValues("pools", "{\"replicas\": 6}");

    MilvusCondition valid = cluster.awaitCondition("pools", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("spec.dependencies.storage.inCluster.values.replicas",
        "cannot change a server pool's servers or drives");
    assertThat(cluster.ns().apps().statefulSets().withName("pools-minio").get().getMetadata().getGeneration())
        .as("nothing rewritten").isEqualTo(minio.getMetadata().getGeneration());
  }

  @Test
  void aRunningStandaloneMinioIsNotMadeDistributed() {
    cluster.create(milvus("single", "{mode: standalone}"));
    cluster.awaitStatus("single", "Healthy");
    String server = cluster.ns().pods().withName("single-minio-0").get().getMetadata().getUid();

    patchMinioValues("single", "{\"mode\": \"distributed\"}");

    MilvusCondition valid = cluster.awaitCondition("single", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("spec.dependencies.storage.inCluster.values.mode",
        "a standalone MinIO cannot become distributed in place");
    assertThat(cluster.ns().apps().statefulSets().withName("single-minio").get().getSpec().getReplicas()).isEqualTo(1);
    assertThat(cluster.ns().pods().withName("single-minio-0").get().getMetadata().getUid()).isEqualTo(server);
    assertThat(cluster.ns().services().withName("single-minio-svc").get()).isNull();
    assertThat(cluster.eventsAbout("single")).anySatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  private static void patchMinioValues(String name, String values) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName(name).patch(PatchContext.of(
        PatchType.JSON_MERGE), "{\"spec\":{\"dependencies\":{\"storage\":{\"inCluster\":{\"values\":" + values
        + "}}}}}");
  }

  private static String milvus(String name, String minioValues) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: %s}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            storage: {inCluster: {values: %s}}
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name, minioValues);
  }
}
