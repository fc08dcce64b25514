package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.TestMilvus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunningShapesTest {

  private static final RenderContext CLUSTER = TestMilvus.context(TestMilvus.withSpec("c", "mode: cluster"));

  @Test
  void aNewEtcdTakesTheNewDefault() {
    RunningShapes shapes = RunningShapes.of(CLUSTER, MilvusRenderer.render(CLUSTER).dependencies(), Map.of());

    assertThat(etcd(shapes.dependencies()).getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void aOneMemberEtcdOfAnEarlierReleaseIsWrittenExactlyAsItRuns() {
    StatefulSet running = etcd(InClusterEtcd.renderSingleMember(CLUSTER));

    RunningShapes shapes = RunningShapes.of(CLUSTER, MilvusRenderer.render(CLUSTER).dependencies(),
        Map.of("c-etcd", running));

    assertThat(shapes.refusals()).isEmpty();
    assertThat(etcd(shapes.dependencies())).isEqualTo(running);
    assertThat(shapes.dependencies()).extracting(HasMetadata::getKind).doesNotContain("PodDisruptionBudget");
  }

  @Test
  void aRunningEtcdKeepsItsMemberCountWhenTheModeDefaultDiffers() {
    RenderContext standalone = TestMilvus.context(TestMilvus.withSpec("c", "mode: standalone"));
    StatefulSet running = etcd(InClusterEtcd.render(standalone));

    RunningShapes shapes = RunningShapes.of(CLUSTER, MilvusRenderer.render(CLUSTER).dependencies(),
        Map.of("c-etcd", running));

    assertThat(etcd(shapes.dependencies()).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void aMemberCountChangeOfARunningEtcdIsRefusedWithTheReason() {
    RenderContext five = TestMilvus.context(TestMilvus.withSpec("c", """
        mode: cluster
        dependencies: {etcd: {inCluster: {values: {replicaCount: 5}}}}
        """));

    RunningShapes shapes = RunningShapes.of(five, MilvusRenderer.render(five).dependencies(),
        Map.of("c-etcd", etcd(InClusterEtcd.render(CLUSTER))));

    assertThat(shapes.refusals()).singleElement().asString()
        .startsWith("spec.dependencies.etcd.inCluster.values.replicaCount: etcd c-etcd runs 3 member(s)");
    assertThat(shapes.dependencies()).isEmpty();
  }

  @Test
  void aStandaloneMinioCannotBecomeDistributedAndNothingIsWritten() {
    RenderContext distributed = ctx("dependencies: {storage: {inCluster: {values: {mode: distributed}}}}");

    RunningShapes shapes = RunningShapes.of(distributed, MilvusRenderer.render(distributed).dependencies(),
        Map.of("c-minio", statefulSet(InClusterMinio.render(CLUSTER), "c-minio")));

    assertThat(shapes.dependencies()).isEmpty();
    assertThat(shapes.refusals()).singleElement().asString().startsWith(
        "spec.dependencies.storage.inCluster.values.mode: MinIO c-minio runs standalone, one server; a standalone"
            + " MinIO cannot become distributed in place");
  }

  @Test
  void aDistributedMinioKeepsItsPoolsAndAChangedServerCountIsRefused() {
    RenderContext four = ctx("dependencies: {storage: {inCluster: {values: {mode: distributed}}}}");
    RenderContext six = ctx("dependencies: {storage: {inCluster: {values: {mode: distributed, replicas: 6}}}}");
    StatefulSet running = statefulSet(InClusterMinio.render(four), "c-minio");

    assertThat(RunningShapes.of(four, MilvusRenderer.render(four).dependencies(), Map.of("c-minio", running))
        .refusals()).isEmpty();
    assertThat(RunningShapes.of(six, MilvusRenderer.render(six).dependencies(), Map.of("c-minio", running))
        .refusals()).singleElement().asString().startsWith("spec.dependencies.storage.inCluster.values.replicas:"
            + " MinIO c-minio runs distributed, 1 pool(s) of 4 server(s) with 1 drive(s) each, the spec asks for"
            + " distributed, 1 pool(s) of 6 server(s)");
  }

  @Test
  void aRunningKafkaKeepsItsQuorumAndListeners() {
    RenderContext three = ctx("dependencies: {msgStreamType: kafka}");
    StatefulSet running = statefulSet(InClusterKafka.render(three), "c-kafka");
    RenderContext five = ctx("dependencies: {msgStreamType: kafka, kafka: {inCluster: {values: {replicaCount: 5}}}}");
    RenderContext sasl = ctx("""
        dependencies:
          msgStreamType: kafka
          kafka: {inCluster: {values: {listeners: {client: {protocol: SASL_PLAINTEXT}}, sasl: {client: {passwords: p}}}}}
        """);

    assertThat(RunningShapes.of(five, MilvusRenderer.render(five).dependencies(), Map.of("c-kafka", running))
        .refusals()).singleElement().asString().startsWith("spec.dependencies.kafka.inCluster.values.replicaCount:"
            + " Kafka c-kafka runs 3 broker(s)");
    assertThat(RunningShapes.of(sasl, MilvusRenderer.render(sasl).dependencies(), Map.of("c-kafka", running))
        .refusals()).singleElement().asString().startsWith("spec.dependencies.kafka.inCluster.values.listeners:"
            + " Kafka c-kafka runs with listeners PLAINTEXT://:9092,CONTROLLER://:9093");
  }

  @Test
  void theVolumesOfARunningDependencyAreKeptAndAChangeIsRefusedBeforeKubernetesWould() {
    RenderContext bigger = ctx("dependencies: {etcd: {inCluster: {values: {persistence: {size: 50Gi}}}}}");

    RunningShapes shapes = RunningShapes.of(bigger, MilvusRenderer.render(bigger).dependencies(),
        Map.of("c-etcd", etcd(InClusterEtcd.render(CLUSTER))));

    assertThat(shapes.refusals()).singleElement().asString().startsWith(
        "spec.dependencies.etcd.inCluster.values.persistence: StatefulSet c-etcd keeps the volumes it was created with"
            + " {data=10737418240 bytes}, the spec asks for {data=53687091200 bytes}");
  }

  private static RenderContext ctx(String dependencies) {
    return TestMilvus.context(TestMilvus.withSpec("c", "mode: cluster\n" + dependencies));
  }

  private static StatefulSet statefulSet(List<HasMetadata> objects, String name) {
    return objects.stream().filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(name))
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
  }

  private static StatefulSet etcd(List<HasMetadata> objects) {
    return objects.stream().filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals("c-etcd"))
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
  }
}
