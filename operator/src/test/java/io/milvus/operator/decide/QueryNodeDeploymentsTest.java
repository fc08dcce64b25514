package io.milvus.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.QueryNodeGroups;
import io.milvus.operator.status.LiveQueryNodes;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QueryNodeDeploymentsTest {

  static final String CLUSTER = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: qn
        namespace: milvus
      spec:
        mode: cluster
        components:
          image: milvusdb/milvus:%s
          dummyImage: %s
          queryNode: {replicas: 3}
        dependencies:
          pulsar: {external: true, endpoint: "pulsar://pulsar:6650"}
      """;

  static RenderContext ctx(String tag, String dummy) {
    return TestMilvus.context(TestMilvus.parse(CLUSTER.formatted(tag, dummy)));
  }

  static Deployment rendered(RenderContext ctx) {
    return MilvusRenderer.render(ctx).deployments().get(MilvusComponent.QUERY_NODE);
  }

  /** A group as the API server holds it after its rollout completed. */
  static Deployment live(Deployment desired, int replicas) {
    return new DeploymentBuilder(desired).editMetadata().withGeneration(1L).endMetadata()
        .editSpec().withReplicas(replicas).endSpec()
        .withStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(replicas)
            .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
            .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
            .endCondition().build())
        .build();
  }

  @Test
  void aNewMilvusGetsUpstreamsPairWithTheGroupIdInSelectorLabelsAndPods() {
    RenderContext ctx = ctx("v2.5.16", "busybox:1");
    var writes = QueryNodeDeployments.plan(ctx, rendered(ctx), LiveQueryNodes.NONE, false, 4, Optional.empty());

    assertThat(writes.apply()).extracting(d -> d.getMetadata().getName())
        .containsExactly("qn-milvus-querynode-0", "qn-milvus-querynode-1");
    for (Deployment d : writes.apply()) {
      String id = d.getMetadata().getName().substring(d.getMetadata().getName().length() - 1);
      assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry(QueryNodeGroups.GROUP_ID, id)
          .containsEntry("app.kubernetes.io/component", "querynode");
      assertThat(d.getMetadata().getLabels()).containsEntry(QueryNodeGroups.GROUP_ID, id);
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .as("the template matches the selector").containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    }
    Deployment idle = writes.apply().get(1);
    assertThat(idle.getSpec().getReplicas()).isZero();
    assertThat(idle.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:1");
    assertThat(writes.apply().get(0).getSpec().getReplicas()).isEqualTo(3);
    assertThat(writes.annotations()).containsEntry(QueryNodeGroups.CURRENT_GROUP, "0");
    assertThat(writes.labels()).containsEntry(QueryNodeGroups.ROLLING_ID, null);
  }

  @Test
  void aNewImageGoesIntoTheIdleGroupWhileTheServingOneKeepsItsTemplate() {
    RenderContext before = ctx("v2.5.16", "busybox:1");
    var made = QueryNodeDeployments.plan(before, rendered(before), LiveQueryNodes.NONE, false, 1, Optional.empty());
    Deployment serving = live(made.apply().get(0), 3);
    Deployment idle = live(made.apply().get(1), 0);
    LiveQueryNodes now = new LiveQueryNodes(Optional.empty(), Map.of(0, serving, 1, idle), OptionalInt.of(0), false);

    RenderContext after = ctx("v2.5.17", "busybox:1");
    var writes = QueryNodeDeployments.plan(after, rendered(after), now, false, 2, Optional.empty());

    assertThat(writes.apply().get(0).getSpec().getTemplate()).as("group 0 serves as it is")
        .isEqualTo(serving.getSpec().getTemplate());
    assertThat(writes.apply().get(0).getSpec().getReplicas()).isEqualTo(3);
    Deployment next = writes.apply().get(1);
    assertThat(next.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("milvusdb/milvus:v2.5.17");
    assertThat(next.getSpec().getReplicas()).isEqualTo(3);
    assertThat(next.getMetadata().getAnnotations()).containsEntry(QueryNodeGroups.GENERATION, "2");
    assertThat(writes.annotations()).containsEntry(QueryNodeGroups.CURRENT_GROUP, "1");
    assertThat(writes.labels()).containsEntry(QueryNodeGroups.ROLLING_ID, "2");
    assertThat(writes.serving()).isEqualTo("qn-milvus-querynode-1");
  }

  @Test
  void anEarlierReleasesSingleDeploymentIsRenderedAsBeforeUntilItsTemplateMustChange() {
    RenderContext ctx = ctx("v2.5.16", "busybox:1");
    Deployment single = live(rendered(ctx), 3);
    LiveQueryNodes now = new LiveQueryNodes(Optional.of(single), Map.of(), OptionalInt.empty(), false);

    var writes = QueryNodeDeployments.plan(ctx, rendered(ctx), now, false, 1, Optional.empty());

    assertThat(writes.apply()).extracting(d -> d.getMetadata().getName()).containsExactly("qn-milvus-querynode");
    assertThat(writes.annotations()).isEmpty();
    assertThat(now.rollingModeVersion()).isEqualTo(1);
  }

  @Test
  void duringASwapQueryNodeIsAvailableThroughTheOldGroup() {
    RenderContext ctx = ctx("v2.5.16", "busybox:1");
    var made = QueryNodeDeployments.plan(ctx, rendered(ctx), LiveQueryNodes.NONE, false, 1, Optional.empty());
    Deployment old = live(made.apply().get(0), 3);
    Deployment starting = new DeploymentBuilder(live(made.apply().get(1), 3)).editStatus().withReadyReplicas(0)
        .withAvailableReplicas(0).endStatus().build();
    LiveQueryNodes swapping = new LiveQueryNodes(Optional.empty(), Map.of(0, old, 1, starting), OptionalInt.of(1),
        true);

    assertThat(swapping.serving()).contains(starting);
    assertThat(swapping.available()).isTrue();
    assertThat(swapping.settled()).isFalse();
    assertThat(swapping.rollingModeVersion()).isEqualTo(2);
  }
}
