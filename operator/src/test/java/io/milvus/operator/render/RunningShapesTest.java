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

  private static StatefulSet etcd(List<HasMetadata> objects) {
    return objects.stream().filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals("c-etcd"))
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
  }
}
