package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.milvus.operator.TestMilvus;
import java.util.List;
import org.junit.jupiter.api.Test;

class InClusterMinioRenderTest {

  @Test
  void aDistributedMinioRunsEveryPoolsServersWithADrivePerClaimAsTheChartLaysThemOut() {
    List<HasMetadata> objects = InClusterMinio.render(ctx("""
        mode: cluster
        dependencies:
          storage: {inCluster: {values: {mode: distributed, replicas: 4, drivesPerNode: 2, zones: 2}}}
        """));

    StatefulSet sts = one(objects, StatefulSet.class, "c-minio");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(8);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("c-minio-svc");
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("server",
        "http://c-minio-{0...3}.c-minio-svc.default.svc.cluster.local:9000/export-{0...1}",
        "http://c-minio-{4...7}.c-minio-svc.default.svc.cluster.local:9000/export-{0...1}",
        "--console-address", ":9001");
    assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName())
        .containsExactly("export-0", "export-1");
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("export-0", "/export-0"),
            org.assertj.core.groups.Tuple.tuple("export-1", "/export-1"));
    Service headless = one(objects, Service.class, "c-minio-svc");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(one(objects, Service.class, "c-minio").getSpec().getClusterIP()).isNull();
    PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class, "c-minio");
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(Labels.selector("c", "minio"));
  }

  @Test
  void distributedTakesTheChartsDefaultsOfFourServersWithOneDrive() {
    List<HasMetadata> objects = InClusterMinio.render(ctx("""
        mode: cluster
        dependencies: {storage: {inCluster: {values: {mode: distributed}}}}
        """));

    StatefulSet sts = one(objects, StatefulSet.class, "c-minio");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(4);
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains(
        "http://c-minio-{0...3}.c-minio-svc.default.svc.cluster.local:9000/export");
    assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName())
        .containsExactly("export");
    assertThat(InClusterMinio.layout(sts)).isEqualTo(new InClusterMinio.Layout(true, 4, 1, 1));
  }

  @Test
  void standaloneIsOneServerWithOneDriveAndNoBudget() {
    List<HasMetadata> objects = InClusterMinio.render(ctx("mode: cluster"));

    StatefulSet sts = one(objects, StatefulSet.class, "c-minio");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("server", "/export", "--console-address", ":9001");
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Service", "StatefulSet");
    assertThat(InClusterMinio.layout(sts).distributed()).isFalse();
  }

  private static RenderContext ctx(String spec) {
    return TestMilvus.context(TestMilvus.withSpec("c", spec));
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
    return objects.stream().filter(kind::isInstance).map(kind::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }
}
