package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.milvus.operator.api.IgnoredFields;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.MilvusValidator;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.render.DesiredState;
import io.milvus.operator.render.Names;
import io.milvus.operator.rollout.RollingDecision;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.rollout.RolloutPlanner;
import io.milvus.operator.status.DeploymentProgress;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.MilvusStatusCalculator;
import io.milvus.operator.status.ObservedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@code Milvus}: validate, default (in memory), render, apply, then report. Every step but the apply and
 * the observation is a pure function of the package {@code render} or {@code status}.
 */
@ControllerConfiguration(name = "milvus", finalizerName = MilvusReconciler.FINALIZER)
public class MilvusReconciler implements Reconciler<Milvus>, Cleaner<Milvus> {

  /** Upstream's finalizer name, so a Milvus made by either operator is cleaned up by the other. */
  public static final String FINALIZER = "milvus.milvus.io/finalizer";
  private static final String ALLOW_UNSAFE_UPGRADE = MilvusAnnotations.ALLOW_UNSAFE_UPGRADE;
  private static final String UNSAFE_UPGRADE_ALLOWED = "true";
  private static final Logger LOG = LoggerFactory.getLogger(MilvusReconciler.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final OperatorSettings settings;
  private final MilvusObserver observer;

  public MilvusReconciler(OperatorSettings settings) {
    this.settings = settings;
    this.observer = new MilvusObserver(settings.probe());
  }

  @Override
  public List<EventSource<?, Milvus>> prepareEventSources(EventSourceContext<Milvus> context) {
    return List.of(
        Secondaries.informer(Deployment.class, context),
        Secondaries.informer(StatefulSet.class, context),
        Secondaries.informer(Service.class, context),
        Secondaries.informer(ConfigMap.class, context),
        Secondaries.informer(PersistentVolumeClaim.class, context),
        Secondaries.informer(Secret.class, context),
        Secondaries.informer(Pod.class, context));
  }

  @Override
  public UpdateControl<Milvus> reconcile(Milvus milvus, Context<Milvus> context) {
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    Instant now = Instant.now(settings.clock());
    List<ValidationProblem> problems = MilvusValidator.validate(milvus);
    if (!problems.isEmpty()) {
      return refuse(milvus, Conditions.REASON_SPEC_INVALID, "The spec is invalid and was not applied: "
          + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")), events, now);
    }
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), defaultsFor(milvus));
    RenderContext ctx = RenderContext.of(milvus, spec);
    Optional<String> refusal = upgradeRefusal(milvus, ctx);
    boolean overridden = refusal.isPresent() && UNSAFE_UPGRADE_ALLOWED.equals(annotation(milvus, ALLOW_UNSAFE_UPGRADE));
    if (refusal.isPresent() && !overridden) {
      return refuse(milvus, Conditions.REASON_UPGRADE_REFUSED, refusal.get() + " (nothing was changed; the annotation "
          + ALLOW_UNSAFE_UPGRADE + ": \"true\" overrides this check at your own risk)", events, now);
    }

    ObjectApplier applier = new ObjectApplier(context.getClient());
    Changes changes = new Changes(milvus, events);
    ObservedState observed = observer.observe(ctx, context);
    RollingDecision decision = RolloutInputs.decision(milvus, ctx, settings.upgradePaths());
    RolloutPlan plan = RolloutPlanner.plan(RolloutInputs.plannerInput(milvus, ctx, decision, observed.deployments()));
    DesiredState desired = MilvusRenderer.render(ctx, plan.revisionOf(),
        new MilvusRenderer.Options(decision.force(), (int) settings.rolloutDeadline().toSeconds()));

    if (!ctx.externalStorage()) {
      changes.note(applier.createIfAbsent(StorageSecrets.generate(ctx),
          Secondaries.named(context, Secret.class, Names.minioSecret(ctx.name()))));
    }
    for (HasMetadata dependency : desired.dependencies()) {
      changes.note(applier.apply(dependency, existing(context, dependency)));
    }
    changes.note(applier.apply(desired.configMap(), existing(context, desired.configMap())));
    desired.dataPvc().ifPresent(pvc -> changes.note(applier.createIfAbsent(pvc, existing(context, pvc))));
    changes.note(applier.apply(desired.service(), existing(context, desired.service())));

    List<MilvusCondition> dependencyConditions = MilvusStatusCalculator.dependencyConditions(ctx, observed);
    if (MilvusStatusCalculator.dependenciesReady(dependencyConditions)) {
      observed = applyWorkloads(milvus, ctx, desired, plan, observed, applier, changes, overridden ? refusal : Optional.empty());
    } else {
      LOG.info("{}/{}: waiting for dependencies before starting Milvus: {}", ctx.namespace(), ctx.name(),
          notReady(dependencyConditions));
    }

    MilvusStatus status = MilvusStatusCalculator.compute(milvus, ctx, observed, plan, now);
    status.setIgnoredFields(nullIfEmpty(IgnoredFields.of(milvus.getSpec())));
    UpdateControl<Milvus> control = statusUpdate(milvus, status, events);
    if (!observed.external().isEmpty() && !MilvusStatusCalculator.dependenciesReady(status.getConditions())) {
      control.rescheduleAfter(settings.externalRecheck());
    }
    return control;
  }

  /**
   * Applies this step's Deployments and removes those of a previous shape the plan retires. Returns the observation
   * updated with what was written, so the status reflects this step at once.
   */
  private ObservedState applyWorkloads(Milvus milvus, RenderContext ctx, DesiredState desired, RolloutPlan plan,
      ObservedState observed, ObjectApplier applier, Changes changes, Optional<String> overriddenRefusal) {
    Map<MilvusComponent, Deployment> applied = new EnumMap<>(MilvusComponent.class);
    applied.putAll(observed.deployments());
    for (var entry : desired.deployments().entrySet()) {
      Deployment before = applied.get(entry.getKey());
      var result = applier.apply(entry.getValue(), Optional.ofNullable(before));
      changes.note(result);
      applied.put(entry.getKey(), result.object());
      String newImage = DeploymentProgress.templateImage(result.object());
      if (before != null && !newImage.equals(DeploymentProgress.templateImage(before))) {
        changes.rolled(entry.getKey(), DeploymentProgress.templateImage(before), newImage, plan, overriddenRefusal);
      }
    }
    for (MilvusComponent retired : plan.retire()) {
      Deployment old = applied.remove(retired);
      if (old != null) {
        applier.delete(old);
        changes.retired(old, retired);
      }
    }
    return observed.withDeployments(applied);
  }

  /**
   * The operator's defaults, except that a Milvus naming no image keeps the image it runs: an operator upgrade with a
   * newer default image must not upgrade the databases behind their users' backs.
   */
  private OperatorDefaults defaultsFor(Milvus milvus) {
    String running = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    return running == null ? settings.defaults() : new OperatorDefaults(running);
  }

  /** A version jump that Milvus does not support, measured from the version that last ran healthy. */
  private Optional<String> upgradeRefusal(Milvus milvus, RenderContext ctx) {
    Optional<MilvusVersion> running = RolloutInputs.running(milvus);
    Optional<MilvusVersion> target = RolloutInputs.target(ctx);
    if (running.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    return settings.upgradePaths().refusal(running.get(), target.get());
  }

  private static String annotation(Milvus milvus, String key) {
    var annotations = milvus.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  @Override
  public DeleteControl cleanup(Milvus milvus, Context<Milvus> context) {
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), defaultsFor(milvus));
    RenderContext ctx = RenderContext.of(milvus, spec);
    new MilvusCleanup(context.getClient(), events).deleteRequestedData(milvus, ctx);
    LOG.info("{}/{}: deleted; owned objects are garbage-collected", ctx.namespace(), ctx.name());
    return DeleteControl.defaultDelete();
  }

  /** A refused spec changes nothing in the cluster: only the status and an Event say what to fix. */
  private UpdateControl<Milvus> refuse(Milvus milvus, String reason, String message, EventRecorder events,
      Instant now) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    MilvusStatus status = JSON.clone(previous);
    if (status.getStatus() == null) {
      status.setStatus(MilvusPhase.PENDING.wire());
    }
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(previous.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.SPEC_VALID.equals(c.getType()));
    conditions.add(Conditions.of(Conditions.SPEC_VALID, false, reason, message));
    status.setConditions(Conditions.merge(previous.getConditions(), conditions, now));
    status.setIgnoredFields(nullIfEmpty(IgnoredFields.of(milvus.getSpec())));
    boolean newProblem = Conditions.find(previous.getConditions(), Conditions.SPEC_VALID)
        .map(c -> !message.equals(c.getMessage())).orElse(true);
    if (newProblem) {
      LOG.warn("{}/{}: refused the spec: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(),
          message);
      events.warning(milvus, reason, message);
    }
    return Objects.equals(JSON.asJson(previous), JSON.asJson(status)) ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(withStatus(milvus, status));
  }

  private UpdateControl<Milvus> statusUpdate(Milvus milvus, MilvusStatus status, EventRecorder events) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    if (Objects.equals(JSON.asJson(previous), JSON.asJson(status))) {
      return UpdateControl.noUpdate();
    }
    announceTransitions(milvus, previous, status, events);
    return UpdateControl.patchStatus(withStatus(milvus, status));
  }

  private static void announceTransitions(Milvus milvus, MilvusStatus previous, MilvusStatus next,
      EventRecorder events) {
    String ns = milvus.getMetadata().getNamespace();
    String name = milvus.getMetadata().getName();
    if (!Objects.equals(previous.getStatus(), next.getStatus())) {
      LOG.info("{}/{}: status {} -> {}", ns, name, previous.getStatus(), next.getStatus());
      MilvusCondition ready = Conditions.find(next.getConditions(), Conditions.MILVUS_READY).orElseThrow();
      if (MilvusPhase.HEALTHY.is(next.getStatus())) {
        events.normal(milvus, "Healthy", "Milvus is healthy; clients connect to " + next.getEndpoint());
      } else if (MilvusPhase.UNHEALTHY.is(next.getStatus())) {
        events.warning(milvus, "Unhealthy", ready.getMessage());
      }
    }
    for (String type : List.of(Conditions.ETCD_READY, Conditions.STORAGE_READY, Conditions.MSG_STREAM_READY,
        Conditions.MILVUS_UPDATED)) {
      MilvusCondition now = Conditions.find(next.getConditions(), type).orElseThrow();
      boolean changed = Conditions.find(previous.getConditions(), type)
          .map(c -> !Objects.equals(c.getStatus(), now.getStatus()) || !Objects.equals(c.getReason(), now.getReason()))
          .orElse(true);
      if (changed) {
        if (Conditions.TRUE.equals(now.getStatus())) {
          events.normal(milvus, now.getReason(), now.getMessage());
        } else if (!Conditions.REASON_COMPONENTS_UPDATING.equals(now.getReason())) {
          events.normal(milvus, now.getReason(), now.getMessage());
        }
      }
    }
    if (!Objects.equals(previous.getCurrentImage(), next.getCurrentImage()) && previous.getCurrentImage() != null) {
      events.normal(milvus, "ImageUpdated", "Milvus now runs " + next.getCurrentImage());
    }
  }

  private static Milvus withStatus(Milvus milvus, MilvusStatus status) {
    Milvus copy = new Milvus();
    copy.setMetadata(milvus.getMetadata());
    copy.setSpec(milvus.getSpec());
    copy.setStatus(status);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Optional<T> existing(Context<Milvus> context, T desired) {
    return Secondaries.named(context, (Class<T>) desired.getClass(), desired.getMetadata().getName());
  }

  private static String notReady(List<MilvusCondition> conditions) {
    return conditions.stream().filter(c -> !Conditions.TRUE.equals(c.getStatus()))
        .map(c -> c.getType() + " (" + c.getMessage() + ")").collect(Collectors.joining(", "));
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  /** Turns each create, update and rollout step into a log line and an Event. */
  private record Changes(Milvus milvus, EventRecorder events) {
    void rolled(MilvusComponent component, String from, String to, RolloutPlan plan, Optional<String> overridden) {
      String order = plan.oneAtATime() ? " (in dependency order; next: "
          + (plan.pending().isEmpty() ? "none" : plan.pending().stream().map(MilvusComponent::label)
              .collect(Collectors.joining(", "))) + ")" : "";
      String message = "Replacing " + component.label() + " pods: " + from + " -> " + to + order
          + plan.explanation().map(e -> ". " + e).orElse("");
      LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), message);
      events.normal(milvus, "RollingComponent", message);
      String migratedBy = annotation(milvus, MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY);
      if (migratedBy != null) {
        // The MilvusUpgrade migrated the metadata: the jump the rules refuse for a plain image change is safe now.
        overridden.ifPresent(refusal -> events.normal(milvus, "MetadataMigrated",
            "Moving to " + to + " after MilvusUpgrade " + migratedBy + " migrated the metadata"));
      } else {
        overridden.ifPresent(refusal -> events.warning(milvus, "UnsafeUpgradeAllowed",
            "Proceeding although refused, because of the annotation " + ALLOW_UNSAFE_UPGRADE + ": " + refusal));
      }
    }

    void retired(Deployment old, MilvusComponent component) {
      String message = "Removed Deployment " + old.getMetadata().getName() + ": " + component.label()
          + " does not run in this version of Milvus";
      LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), message);
      events.normal(milvus, "RemovedComponent", message);
    }

    void note(ObjectApplier.Result<?> result) {
      if (result.outcome() == ObjectApplier.Outcome.UNCHANGED) {
        return;
      }
      HasMetadata object = result.object();
      String verb = result.outcome() == ObjectApplier.Outcome.CREATED ? "Created" : "Updated";
      String what = object.getKind() + " " + object.getMetadata().getName();
      LOG.info("{}/{}: {} {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(),
          verb.toLowerCase(), what);
      events.normal(milvus, verb, verb + " " + what);
    }
  }
}
