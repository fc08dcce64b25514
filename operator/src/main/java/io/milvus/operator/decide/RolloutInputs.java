package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.adopt.SpecRevision;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.ReleaseTopologies;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.render.BuiltInQueue;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.RollingDecision;
import io.milvus.operator.rollout.RolloutPlanner;
import io.milvus.operator.rollout.Topology;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.status.DeploymentProgress;
import io.milvus.operator.status.LiveQueryNodes;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Gathers what the pure rollout planner needs from a Milvus and its observed Deployments. */
final class RolloutInputs {

  private RolloutInputs() {}

  /** The version Milvus runs now: the last image that was Ready and Updated. */
  static Optional<MilvusVersion> running(Milvus milvus) {
    return milvus.getStatus() == null ? Optional.empty() : MilvusVersion.fromImage(milvus.getStatus().getCurrentImage());
  }

  static Optional<MilvusVersion> target(RenderContext ctx) {
    MilvusComponents c = ctx.spec().getComponents();
    return MilvusVersion.of(c.getVersion(), c.getImage());
  }

  /** @param downgradeHop whether this step moves components to an older version (rollout/UpgradeWalk) */
  static RollingDecision decision(Milvus milvus, RenderContext ctx, UpgradePaths paths, boolean downgradeHop) {
    MilvusComponents c = ctx.spec().getComponents();
    boolean builtInStandalone = !MilvusDefaults.MODE_CLUSTER.equals(ctx.spec().getMode())
        && BuiltInQueue.isBuiltIn(ctx.spec().getDependencies().getMsgStreamType());
    return RollingDecision.decide(Boolean.TRUE.equals(c.getEnableRollingUpdate()), c.getImageUpdateMode(),
        builtInStandalone, running(milvus), target(ctx), downgradeHop, paths);
  }

  static RolloutPlanner.Input plannerInput(Milvus milvus, RenderContext ctx, MilvusRenderer.UserConfig config,
      RollingDecision decision, Map<MilvusComponent, Deployment> deployments, LiveQueryNodes queryNodes) {
    ReleaseTopologies lines = ReleaseTopologies.standard();
    Topology topology = Topology.of(MilvusDefaults.MODE_CLUSTER.equals(ctx.spec().getMode()),
        MilvusComponent.separateCoordinators(ctx.spec().getComponents()), running(milvus).map(lines::at),
        lines.of(target(ctx)));
    PodRevision target = MilvusRenderer.targetRevision(ctx, config).forSpec(SpecRevision.of(milvus.getSpec()));
    Map<MilvusComponent, PodRevision> ownTargets = new EnumMap<>(MilvusComponent.class);
    MilvusComponent.activeIn(ctx.spec()).stream().filter(c -> c.hasOwnImage(ctx.spec().getComponents()))
        .forEach(c -> ownTargets.put(c, target.withImage(c.imageIn(ctx.spec().getComponents()))));
    Map<MilvusComponent, RolloutPlanner.Observed> observed = new EnumMap<>(MilvusComponent.class);
    deployments.forEach((component, d) -> observed.put(component, new RolloutPlanner.Observed(
        TemplateHold.observedRevision(d, ownTargets.getOrDefault(component, target)),
        DeploymentProgress.isComplete(d))));
    // queryNode's rollout is done when the group taking over serves alone, not when its own Deployment completes
    queryNodes.serving().ifPresent(d -> observed.put(MilvusComponent.QUERY_NODE, new RolloutPlanner.Observed(
        TemplateHold.observedRevision(d, ownTargets.getOrDefault(MilvusComponent.QUERY_NODE, target)),
        queryNodes.settled())));
    return new RolloutPlanner.Input(topology, MilvusComponent.activeIn(ctx.spec()), target, decision, observed,
        ownTargets);
  }
}
