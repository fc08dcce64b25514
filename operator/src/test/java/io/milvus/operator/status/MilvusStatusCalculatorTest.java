package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.RollingDecision;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.rollout.RolloutPlanner;
import io.milvus.operator.rollout.Topology;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MilvusStatusCalculatorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final Milvus milvus = TestMilvus.parse(TestMilvus.SEED);
  private final RenderContext ctx = TestMilvus.context(milvus);

  @Test
  void beforeAnythingRunsItIsPendingAndSaysWhatItWaitsFor() {
    MilvusStatus status = compute(milvus, ctx, observed(Map.of(), false, List.of()), NOW);
    assertThat(status.getStatus()).isEqualTo("Pending");
    assertThat(condition(status, "EtcdReady").getMessage()).contains("my-release-etcd");
    assertThat(condition(status, "MilvusReady").getReason()).isEqualTo("MilvusComponentNotHealthy");
    assertThat(status.getEndpoint()).isEqualTo("my-release-milvus.default:19530");
    assertThat(status.getCurrentImage()).isEqualTo("milvusdb/milvus:v2.4.23");
  }

  @Test
  void allReadyAndRolledOutIsHealthyWithEveryConditionTrue() {
    MilvusStatus status = compute(milvus, ctx,
        observed(Map.of(MilvusComponent.STANDALONE, standalone("milvusdb/milvus:v2.4.23", 1, true)), true, List.of()), NOW);
    assertThat(status.getStatus()).isEqualTo("Healthy");
    assertThat(status.getConditions()).extracting(MilvusCondition::getType, MilvusCondition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple("EtcdReady", "True"),
            org.assertj.core.groups.Tuple.tuple("StorageReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MsgStreamReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MilvusReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MilvusUpdated", "True"));
    assertThat(condition(status, "MilvusReady").getReason()).isEqualTo("ReasonMilvusHealthy");
    assertThat(status.getComponentsDeployStatus()).containsKey("standalone");
  }

  @Test
  void anUnreadyPodIsNamedWithItsReason() {
    Pod crashing = new PodBuilder().withNewMetadata().withName("my-release-milvus-standalone-abc")
        .withLabels(Labels.component("my-release", "standalone")).endMetadata()
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("False").endCondition()
        .addNewContainerStatus().withName("milvus").withRestartCount(4)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .endContainerStatus().endStatus().build();
    MilvusStatus status = compute(milvus, ctx,
        observed(Map.of(MilvusComponent.STANDALONE, standalone("milvusdb/milvus:v2.4.23", 0, false)), true,
            List.of(crashing)), NOW);
    assertThat(condition(status, "MilvusReady").getMessage())
        .contains("standalone", "my-release-milvus-standalone-abc", "CrashLoopBackOff");
    assertThat(status.getStatus()).isEqualTo("Pending");
  }

  @Test
  void aMilvusThatWasHealthyAndLosesItsPodsIsUnhealthy() {
    Milvus wasHealthy = TestMilvus.parse(TestMilvus.SEED);
    MilvusStatus previous = new MilvusStatus();
    previous.setStatus("Healthy");
    wasHealthy.setStatus(previous);
    MilvusStatus status = compute(wasHealthy, ctx,
        observed(Map.of(MilvusComponent.STANDALONE, standalone("milvusdb/milvus:v2.4.23", 0, false)), true, List.of()), NOW);
    assertThat(status.getStatus()).isEqualTo("Unhealthy");
  }

  @Test
  void unchangedWorldGivesAnIdenticalStatusSoNothingIsWritten() {
    ObservedState world = observed(Map.of(MilvusComponent.STANDALONE, standalone("milvusdb/milvus:v2.4.23", 1, true)),
        true, List.of());
    MilvusStatus first = compute(milvus, ctx, world, NOW);
    milvus.setStatus(first);
    MilvusStatus second = compute(milvus, ctx, world, NOW.plusSeconds(600));
    assertThat(second.getConditions()).usingRecursiveFieldByFieldElementComparator().isEqualTo(first.getConditions());
  }

  @Test
  void currentImageMovesOnlyOnceReadyAndUpdated() {
    MilvusStatus previous = new MilvusStatus();
    previous.setCurrentImage("milvusdb/milvus:v2.4.5");
    milvus.setStatus(previous);
    MilvusStatus rolling = compute(milvus, ctx,
        observed(Map.of(MilvusComponent.STANDALONE, standalone("milvusdb/milvus:v2.4.5", 1, true)), true, List.of()), NOW);
    assertThat(rolling.getCurrentImage()).isEqualTo("milvusdb/milvus:v2.4.5");
    assertThat(condition(rolling, "MilvusUpdated").getReason()).isEqualTo("MilvusUpgradingImage");
  }

  /** The status for this world, with the rollout plan the operator would make for it. */
  private static MilvusStatus compute(Milvus m, RenderContext ctx, ObservedState world, Instant now) {
    Map<MilvusComponent, RolloutPlanner.Observed> deployments = new EnumMap<>(MilvusComponent.class);
    world.deployments().forEach((c, d) -> deployments.put(c,
        new RolloutPlanner.Observed(DeploymentProgress.revision(d), DeploymentProgress.isComplete(d))));
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.STANDALONE_MODE,
        List.of(MilvusComponent.STANDALONE), MilvusRenderer.targetRevision(ctx),
        new RollingDecision(false, false, false, Optional.empty()), deployments));
    return MilvusStatusCalculator.compute(m, ctx, world, plan, now);
  }

  private ObservedState observed(Map<MilvusComponent, Deployment> deployments, boolean depsReady, List<Pod> pods) {
    return new ObservedState(deployments, Map.of("my-release-etcd", sts("my-release-etcd", depsReady),
        "my-release-minio", sts("my-release-minio", depsReady)), pods, Map.of());
  }

  private static StatefulSet sts(String name, boolean ready) {
    return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withReadyReplicas(ready ? 1 : 0).endStatus().build();
  }

  @Test
  void aDeploymentWhosePodTemplateIsNotOursIsReportedNotACrash() {
    Deployment foreign = new DeploymentBuilder(standalone("milvusdb/milvus:v2.4.23", 1, true))
        .editSpec().editTemplate().editSpec().editFirstContainer().withName("app").endContainer().endSpec()
        .endTemplate().endSpec().build();

    MilvusStatus status = compute(milvus, ctx, observed(Map.of(MilvusComponent.STANDALONE, foreign), true, List.of()),
        NOW);

    assertThat(DeploymentProgress.templateImage(foreign)).isNull();
    assertThat(condition(status, "MilvusUpdated").getStatus()).isEqualTo("False");
    assertThat(condition(status, "MilvusUpdated").getMessage()).contains("standalone");
  }

  private Deployment standalone(String image, int ready, boolean complete) {
    Deployment rendered = MilvusRenderer.render(ctx, Map.of(MilvusComponent.STANDALONE, PodRevision.ofImage(image)),
        MilvusRenderer.Options.DEFAULT)
        .deployments().get(MilvusComponent.STANDALONE);
    return new DeploymentBuilder(rendered)
        .editMetadata().withGeneration(2L).endMetadata()
        .withNewStatus().withObservedGeneration(2L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .addNewCondition().withType("Progressing").withStatus("True")
        .withReason(complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated").endCondition()
        .endStatus().build();
  }

  private static MilvusCondition condition(MilvusStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }
}
