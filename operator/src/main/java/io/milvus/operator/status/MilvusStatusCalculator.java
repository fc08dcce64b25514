package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.api.MessageQueue;
import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.ComponentDeployStatus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.render.BuiltInQueue;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusService;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.RolloutPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Pure: a Milvus, its defaulted spec and what is observed in the cluster → its status, as upstream reports it. */
public final class MilvusStatusCalculator {

  private MilvusStatusCalculator() {}

  /** Whether etcd, storage and the message queue are all ready: Milvus workloads are only started then. */
  public static boolean dependenciesReady(List<MilvusCondition> conditions) {
    return Conditions.isTrue(conditions, Conditions.ETCD_READY)
        && Conditions.isTrue(conditions, Conditions.STORAGE_READY)
        && Conditions.isTrue(conditions, Conditions.MSG_STREAM_READY);
  }

  /** The three dependency conditions alone, so the reconciler can gate the workloads before computing the rest. */
  public static List<MilvusCondition> dependencyConditions(RenderContext ctx, ObservedState observed) {
    return List.of(etcd(ctx, observed), storage(ctx, observed), msgStream(ctx, observed)).stream()
        .map(c -> observed.missingData().getOrDefault(c.getType(), c))
        .toList();
  }

  public static MilvusStatus compute(Milvus milvus, RenderContext ctx, ObservedState observed, RolloutPlan plan,
      Instant now) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    MilvusSpec spec = ctx.spec();
    List<MilvusComponent> active = MilvusComponent.activeIn(spec);
    boolean stopped = active.stream().allMatch(c -> replicasOf(spec, c) == 0);

    List<MilvusCondition> next = new ArrayList<>(dependencyConditions(ctx, observed));
    MilvusCondition ready = stopped
        ? Conditions.of(Conditions.MILVUS_READY, false, Conditions.REASON_MILVUS_STOPPED, "All components are scaled to 0")
        : milvusReady(ctx, active, observed, dependenciesReady(next));
    next.add(ready);
    MilvusCondition updated = active.stream().noneMatch(observed.deployments()::containsKey)
        ? installing(ctx, dependenciesReady(next))
        : milvusUpdated(ctx, active, observed, previous, plan);
    next.add(updated);
    next.add(Conditions.of(Conditions.SPEC_VALID, true, Conditions.REASON_SPEC_VALID, "The spec is valid"));

    MilvusStatus status = new MilvusStatus();
    status.getAdditionalProperties().putAll(previous.getAdditionalProperties());
    status.setConditions(Conditions.merge(previous.getConditions(), next, now));
    status.setStatus(healthStatus(milvus, previous, stopped, Conditions.TRUE.equals(ready.getStatus())));
    status.setObservedGeneration(milvus.getMetadata().getGeneration());
    status.setMode(spec.getMode());
    status.setEndpoint(Names.endpoint(ctx.name(), ctx.namespace(), MilvusService.port(ctx)));
    status.setComponentsDeployStatus(deployStatus(observed));
    status.setIngress(previous.getIngress());
    status.setRollingModeVersion(observed.queryNodes().rollingModeVersion());
    status.setIgnoredFields(previous.getIgnoredFields());

    String specImage = spec.getComponents().getImage();
    boolean settled = Conditions.TRUE.equals(ready.getStatus()) && Conditions.TRUE.equals(updated.getStatus());
    if (previous.getCurrentImage() == null || settled) {
      status.setCurrentImage(specImage);
      status.setCurrentVersion(versionText(spec));
    } else {
      status.setCurrentImage(previous.getCurrentImage());
      status.setCurrentVersion(previous.getCurrentVersion());
    }
    return status;
  }

  private static String healthStatus(Milvus milvus, MilvusStatus previous, boolean stopped, boolean ready) {
    if (milvus.getMetadata().getDeletionTimestamp() != null) {
      return MilvusPhase.DELETING.wire();
    }
    if (stopped) {
      return MilvusPhase.STOPPED.wire();
    }
    if (ready) {
      return MilvusPhase.HEALTHY.wire();
    }
    boolean wasUp = MilvusPhase.HEALTHY.is(previous.getStatus()) || MilvusPhase.UNHEALTHY.is(previous.getStatus());
    return (wasUp ? MilvusPhase.UNHEALTHY : MilvusPhase.PENDING).wire();
  }

  private static MilvusCondition etcd(RenderContext ctx, ObservedState observed) {
    if (ctx.externalEtcd()) {
      return external(observed, Conditions.ETCD_READY, Conditions.REASON_ETCD_READY, Conditions.REASON_ETCD_NOT_READY);
    }
    return inCluster(Names.etcd(ctx.name()), observed, ctx.name(), "etcd",
        Conditions.ETCD_READY, Conditions.REASON_ETCD_READY, Conditions.REASON_ETCD_NOT_READY);
  }

  private static MilvusCondition storage(RenderContext ctx, ObservedState observed) {
    if (ctx.externalStorage()) {
      return external(observed, Conditions.STORAGE_READY, Conditions.REASON_STORAGE_READY,
          Conditions.REASON_STORAGE_NOT_READY);
    }
    return inCluster(Names.minio(ctx.name()), observed, ctx.name(), "minio",
        Conditions.STORAGE_READY, Conditions.REASON_STORAGE_READY, Conditions.REASON_STORAGE_NOT_READY);
  }

  private static MilvusCondition msgStream(RenderContext ctx, ObservedState observed) {
    String type = ctx.spec().getDependencies().getMsgStreamType();
    if (BuiltInQueue.isBuiltIn(type) || MessageQueue.CUSTOM.is(type)) {
      return Conditions.of(Conditions.MSG_STREAM_READY, true, Conditions.REASON_MSG_STREAM_READY,
          "custom".equals(type) ? "Custom message queue: not checked" : "Built-in message queue " + type);
    }
    if (observed.external().containsKey(Conditions.MSG_STREAM_READY)) {
      return external(observed, Conditions.MSG_STREAM_READY, Conditions.REASON_MSG_STREAM_READY,
          Conditions.REASON_MSG_STREAM_NOT_READY);
    }
    if (ctx.inClusterPulsar()) {
      return PulsarStatus.msgStreamReady(ctx, observed);
    }
    if ("kafka".equals(type)) {
      return inCluster(Names.kafka(ctx.name()), observed, ctx.name(), "kafka", Conditions.MSG_STREAM_READY,
          Conditions.REASON_MSG_STREAM_READY, Conditions.REASON_MSG_STREAM_NOT_READY);
    }
    return Conditions.of(Conditions.MSG_STREAM_READY, false, Conditions.REASON_MSG_STREAM_NOT_READY,
        "This operator cannot deploy an in-cluster " + type + " yet: set dependencies." + type
            + ".external: true with its address, or use an in-cluster Kafka (dependencies.msgStreamType: kafka)");
  }

  private static MilvusCondition external(ObservedState observed, String type, String okReason, String failReason) {
    ObservedState.DependencyHealth health = observed.external().get(type);
    if (health == null) {
      return Conditions.of(type, false, failReason, "Not checked yet");
    }
    return Conditions.of(type, health.ready(), health.ready() ? okReason : failReason, health.message());
  }

  private static MilvusCondition inCluster(String name, ObservedState observed, String cr,
      String component, String type, String okReason, String failReason) {
    Optional<StatefulSet> sts = observed.dependency(name);
    if (sts.isEmpty()) {
      return Conditions.of(type, false, failReason, "StatefulSet " + name + " is being created");
    }
    Integer ready = sts.get().getStatus() == null ? null : sts.get().getStatus().getReadyReplicas();
    int desired = sts.get().getSpec().getReplicas() == null ? 1 : sts.get().getSpec().getReplicas();
    if (ready != null && ready >= desired && desired > 0) {
      return Conditions.of(type, true, okReason, "StatefulSet " + name + " is ready");
    }
    String why = whyUnready(observed, cr, component, ": ");
    return Conditions.of(type, false, failReason,
        "StatefulSet " + name + " has " + (ready == null ? 0 : ready) + "/" + desired + " ready pods" + why);
  }

  private static MilvusCondition milvusReady(RenderContext ctx, List<MilvusComponent> active, ObservedState observed,
      boolean dependenciesReady) {
    List<String> problems = new ArrayList<>();
    boolean frontReady = false;
    for (MilvusComponent component : active) {
      Deployment d = observed.deployments().get(component);
      if (d == null) {
        problems.add(component.label() + ": Deployment " + Names.deployment(ctx.name(), component)
            + (dependenciesReady ? " is being created" : " waits for etcd, storage and the message queue"));
        continue;
      }
      if (component.servesClients() && DeploymentProgress.ready(d) > 0) {
        frontReady = true;
      }
      boolean available = component == MilvusComponent.QUERY_NODE ? observed.queryNodes().available()
          || DeploymentProgress.isAvailable(d) : DeploymentProgress.isAvailable(d);
      if (!available) {
        String why = whyUnready(observed, ctx.name(), component.label(), "; ");
        if (why.isEmpty()) {
          why = DeploymentProgress.replicaFailure(d).map(m -> "; pods cannot be created: " + m).orElse("");
        }
        problems.add(component.label() + ": " + DeploymentProgress.ready(d) + "/" + DeploymentProgress.desiredReplicas(d)
            + " pods ready" + why);
      }
    }
    if (problems.isEmpty() && !frontReady) {
      problems.add("no standalone or proxy pod is ready to serve clients");
    }
    if (problems.isEmpty()) {
      return Conditions.of(Conditions.MILVUS_READY, true, Conditions.REASON_MILVUS_HEALTHY, "All Milvus components are healthy");
    }
    return Conditions.of(Conditions.MILVUS_READY, false, Conditions.REASON_COMPONENT_NOT_HEALTHY, String.join(". ", problems));
  }

  /** No component exists yet: a first install, which has no previous image to move from. */
  private static MilvusCondition installing(RenderContext ctx, boolean dependenciesReady) {
    return Conditions.of(Conditions.MILVUS_UPDATED, false, Conditions.REASON_COMPONENTS_UPDATING,
        "Installing " + ctx.spec().getComponents().getImage() + (dependenciesReady ? ": creating the components"
            : ": waiting for etcd, storage and the message queue before creating the components"));
  }

  private static MilvusCondition milvusUpdated(RenderContext ctx, List<MilvusComponent> active, ObservedState observed,
      MilvusStatus previous, RolloutPlan plan) {
    String specImage = ctx.spec().getComponents().getImage();
    String how = plan.oneAtATime() ? " one component at a time, in " + plan.order() : " (all components at once)";
    // why the rollout goes the way it does (e.g. Recreate) matters while the image moves, not once it has
    boolean imageMoving = !Objects.equals(previous.getCurrentImage(), specImage);
    String explained = imageMoving ? plan.explanation().map(e -> ". " + e).orElse("") : "";
    if (plan.updating().isPresent()) {
      MilvusComponent c = plan.updating().get();
      Deployment d = observed.deployments().get(c);
      String why = whyUnready(observed, ctx.name(), c.label(), "; ");
      String next = plan.pending().isEmpty() ? "" : "; waiting their turn: " + labels(plan.pending());
      if (d != null && DeploymentProgress.deadlineExceeded(d)) {
        return Conditions.of(Conditions.MILVUS_UPDATED, false, Conditions.REASON_ROLLOUT_STALLED,
            c.label() + " made no progress within its deadline while moving to " + specImage + why
                + "; the rollout stops here" + next + ". Fix the cause or change the image to resume");
      }
      return Conditions.of(Conditions.MILVUS_UPDATED, false, imageReason(previous, specImage),
          "Moving to " + specImage + how + ": updating " + c.label() + why + next + explained);
    }
    List<String> onOldImage = new ArrayList<>();
    List<String> rolling = new ArrayList<>();
    for (MilvusComponent component : active) {
      Deployment d = observed.deployments().get(component);
      if (d == null) {
        rolling.add(component.label() + " (not created yet)");
      } else if (!component.imageIn(ctx.spec().getComponents()).equals(DeploymentProgress.templateImage(d))) {
        onOldImage.add(component.label());
      } else if (!DeploymentProgress.isComplete(d)) {
        String stalled = DeploymentProgress.deadlineExceeded(d) ? ", stalled: progress deadline exceeded" : "";
        String why = whyUnready(observed, ctx.name(), component.label(), "; ");
        if (why.isEmpty()) {
          why = DeploymentProgress.replicaFailure(d).map(m -> "; pods cannot be created: " + m).orElse("");
        }
        rolling.add(component.label() + " (rolling out" + stalled + why + ")");
      }
    }
    if (!onOldImage.isEmpty() || !plan.pending().isEmpty()) {
      List<String> old = new ArrayList<>(onOldImage);
      plan.pending().stream().map(MilvusComponent::label).filter(l -> !old.contains(l)).forEach(old::add);
      return Conditions.of(Conditions.MILVUS_UPDATED, false, imageReason(previous, specImage),
          "Moving to " + specImage + how + "; still on the previous image: " + String.join(", ", old)
              + (rolling.isEmpty() ? "" : "; updating: " + String.join(", ", rolling)) + explained);
    }
    if (!rolling.isEmpty()) {
      return Conditions.of(Conditions.MILVUS_UPDATED, false, Conditions.REASON_COMPONENTS_UPDATING,
          "Components updating: " + String.join(", ", rolling) + explained);
    }
    if (!plan.retiring().isEmpty() || !plan.retire().isEmpty()) {
      List<MilvusComponent> old = new ArrayList<>(plan.retiring());
      old.addAll(plan.retire());
      return Conditions.of(Conditions.MILVUS_UPDATED, false, Conditions.REASON_COMPONENTS_UPDATING,
          "Removing components the new version no longer runs: " + labels(old));
    }
    return Conditions.of(Conditions.MILVUS_UPDATED, true, Conditions.REASON_COMPONENTS_UPDATED,
        "All components run " + specImage);
  }

  /** The first not-ready pod of a component, explained, after {@code separator}; empty when all are ready. */
  private static String whyUnready(ObservedState observed, String cr, String component, String separator) {
    return PodDiagnosis.firstUnready(observed.pods(), Labels.selector(cr, component))
        .map(p -> separator + p).orElse("");
  }

  private static String imageReason(MilvusStatus previous, String specImage) {
    return isDowngrade(previous.getCurrentImage(), specImage) ? Conditions.REASON_DOWNGRADING_IMAGE
        : Conditions.REASON_UPGRADING_IMAGE;
  }

  private static String labels(List<MilvusComponent> components) {
    return components.stream().map(MilvusComponent::label).collect(Collectors.joining(", "));
  }

  private static boolean isDowngrade(String fromImage, String toImage) {
    Optional<MilvusVersion> from = MilvusVersion.fromImage(fromImage);
    Optional<MilvusVersion> to = MilvusVersion.fromImage(toImage);
    return from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0;
  }

  private static Map<String, ComponentDeployStatus> deployStatus(ObservedState observed) {
    Map<String, ComponentDeployStatus> statuses = new TreeMap<>();
    observed.deployments().forEach((component, d) -> {
      ComponentDeployStatus s = new ComponentDeployStatus();
      s.setGeneration(d.getMetadata().getGeneration());
      s.setImage(DeploymentProgress.templateImage(d));
      s.setStatus(d.getStatus());
      statuses.put(component.label(), s);
    });
    return statuses.isEmpty() ? null : new LinkedHashMap<>(statuses);
  }

  private static int replicasOf(MilvusSpec spec, MilvusComponent component) {
    Integer replicas = component.specIn(spec.getComponents()).getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static String versionText(MilvusSpec spec) {
    String version = spec.getComponents().getVersion();
    if (version != null && !version.isBlank()) {
      return version;
    }
    return MilvusVersion.imageTag(spec.getComponents().getImage()).orElse("");
  }
}
