package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an upgrade reads from a Milvus and its Deployments. */
class MilvusViewsTest {

  static MilvusView view(Milvus milvus, Deployment... deployments) {
    return MilvusViews.of(milvus, MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard()),
        List.of(deployments));
  }

  static Deployment deployment(Integer replicas, Integer pods, long generation, long observed) {
    return new DeploymentBuilder().withNewMetadata().withName("my-release-milvus-standalone")
        .withGeneration(generation).endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec()
        .withNewStatus().withReplicas(pods).withObservedGeneration(observed).endStatus().build();
  }

  @Test
  void aDefaultedStandaloneRecordsOneReplica() {
    MilvusView view = view(TestMilvus.withSpec("my-release", "components: {image: milvusdb/milvus:v2.1.4}"));

    assertThat(view.replicas().getStandalone()).isEqualTo(1);
    assertThat(view.replicas().getProxy()).isNull();
    assertThat(view.scaledToZero()).isFalse();
    assertThat(view.image()).isEqualTo("milvusdb/milvus:v2.1.4");
    assertThat(view.specVersion()).contains(MilvusVersion.of(2, 1, 4));
  }

  @Test
  void aClusterRecordsItsComponentsGroupsAndAutoscaledOnes() {
    MilvusView view = view(TestMilvus.withSpec("my-release", """
        mode: cluster
        components:
          image: milvusdb/milvus:v2.1.4
          proxy: {replicas: 2}
          queryNode: {replicas: -1, groups: [{name: zone-a, replicas: 2}]}
        """));

    assertThat(view.replicas().getProxy()).isEqualTo(2);
    assertThat(view.replicas().getQueryNode()).as("no Deployment yet: the API server's default").isEqualTo(1);
    assertThat(view.groupReplicas()).containsEntry("queryNode", java.util.Map.of("zone-a", 2));
    assertThat(view.externallyScaled()).as("a component at -1 is no obstacle: its live count is recorded").isEmpty();
    assertThat(view.replicas().getStandalone()).isNull();
  }

  @Test
  void anAutoscaledComponentRecordsTheCountItRunsWith() {
    Milvus milvus = TestMilvus.withSpec("my-release", "components: {standalone: {replicas: -1}}");

    assertThat(view(milvus, deployment(4, 4, 1, 1)).replicas().getStandalone()).isEqualTo(4);
  }

  @Test
  void anAutoscaledDeploymentGroupIsListedAsExternallyScaled() {
    MilvusView view = view(TestMilvus.withSpec("my-release", """
        mode: cluster
        components:
          queryNode: {replicas: 1, groups: [{name: zone-a, replicas: -1}]}
        """));

    assertThat(view.externallyScaled()).containsExactly("queryNode group zone-a");
  }

  @Test
  void stoppedMeansTheControllerSawTheScaleAndNoPodIsLeft() {
    Milvus milvus = TestMilvus.withSpec("my-release", "components: {standalone: {replicas: 0}}");

    assertThat(view(milvus, deployment(0, 0, 3, 3)).stillRunning()).isEmpty();
    assertThat(view(milvus, deployment(0, 1, 3, 3)).stillRunning()).containsExactly(
        "my-release-milvus-standalone (1 pods)");
    assertThat(view(milvus, deployment(0, 0, 3, 2)).stillRunning()).as("status not caught up").hasSize(1);
    assertThat(view(milvus, deployment(null, 0, 3, 3)).stillRunning()).as("no replicas means 1").hasSize(1);
    assertThat(view(milvus, deployment(0, 0, 3, 3)).scaledToZero()).isTrue();
  }

  @Test
  void theRunningVersionComesFromTheStatus() {
    Milvus milvus = TestMilvus.withSpec("my-release", "components: {image: milvusdb/milvus:v2.1.4}");
    milvus.setStatus(new io.milvus.operator.api.v1beta1.MilvusStatus());
    milvus.getStatus().setCurrentImage("milvusdb/milvus:v2.1.2");
    milvus.getStatus().setCurrentVersion("v2.1.2");

    MilvusView view = view(milvus);

    assertThat(view.runningVersion()).contains(MilvusVersion.of(2, 1, 2));
    assertThat(view.specVersion()).contains(MilvusVersion.of(2, 1, 4));
  }
}
