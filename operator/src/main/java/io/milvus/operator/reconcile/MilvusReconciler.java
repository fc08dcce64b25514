package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
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
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.InClusterValues;
import io.milvus.operator.render.RunningShapes;
import io.milvus.operator.status.PulsarStatus;
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
import io.milvus.operator.status.MissingData;
import io.milvus.operator.status.ReconcilePause;
import io.milvus.operator.status.StatusEvents;
import io.milvus.operator.render.ComponentDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
  private final DependencyChecks dependencyChecks;
  private final MilvusObserver observer;

  public MilvusReconciler(OperatorSettings settings) {
    this.settings = settings;
    this.dependencyChecks = new DependencyChecks(settings.probe(), settings.externalRecheck(), settings.clock());
    this.observer = new MilvusObserver(dependencyChecks);
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
        Secondaries.informer(Job.class, context),
        Secondaries.informer(PodDisruptionBudget.class, context),
        Secondaries.informer(Pod.class, context),
        dependencyChecks);
  }

  @Override
  public UpdateControl<Milvus> reconcile(Milvus milvus, Context<Milvus> context) {
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    Instant now = Instant.now(settings.clock());
    if (ReconcilePause.requested(milvus)) {
      return paused(milvus, events, now, context);
    }
    List<ValidationProblem> problems = MilvusValidator.validate(milvus);
    if (!problems.isEmpty()) {
      return refuse(milvus, Conditions.REASON_SPEC_INVALID, "The spec is invalid and was not applied: "
          + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")), events, now,
          context);
    }
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), defaultsFor(milvus));
    RenderContext ctx = RenderContext.of(milvus, spec);
    List<String> unbuildable = InClusterValues.refusals(ctx);
    if (!unbuildable.isEmpty()) {
      return refuse(milvus, Conditions.REASON_SPEC_INVALID, "An in-cluster dependency cannot be built as written and"
          + " nothing was changed: " + String.join("; ", unbuildable), events, now, context);
    }
    Optional<String> refusal = upgradeRefusal(milvus, ctx);
    boolean overridden = refusal.isPresent() && UNSAFE_UPGRADE_ALLOWED.equals(annotation(milvus, ALLOW_UNSAFE_UPGRADE));
    if (refusal.isPresent() && !overridden) {
      return refuse(milvus, Conditions.REASON_UPGRADE_REFUSED, refusal.get() + " (nothing was changed; the annotation "
          + ALLOW_UNSAFE_UPGRADE + ": \"true\" overrides this check at your own risk)", events, now, context);
    }

    ObjectApplier applier = new ObjectApplier(context.getClient());
    boolean madeBefore = MissingData.wasMadeBefore(milvus);
    Changes changes = new Changes(milvus, events, madeBefore);
    ObservedState observed = observer.observe(ctx, context);
    RollingDecision decision = RolloutInputs.decision(milvus, ctx, settings.upgradePaths());
    RolloutPlan plan = RolloutPlanner.plan(RolloutInputs.plannerInput(milvus, ctx, decision, observed.deployments()));
    DesiredState desired = MilvusRenderer.render(ctx, plan.revisionOf(),
        new MilvusRenderer.Options(decision.force(), (int) settings.rolloutDeadline().toSeconds()));

    RunningShapes shapes = RunningShapes.of(ctx, desired.dependencies(), observed.dependencies());
    if (!shapes.refusals().isEmpty()) {
      return refuse(milvus, Conditions.REASON_SPEC_INVALID, "An in-cluster dependency cannot be changed in place and"
          + " nothing was changed: " + String.join("; ", shapes.refusals()), events, now, context);
    }
    if (!ctx.externalStorage()) {
      String secret = Names.minioSecret(ctx.name());
      Optional<Secret> existingSecret = Secondaries.named(context, Secret.class, secret);
      if (existingSecret.isEmpty() && madeBefore) {
        observed = observed.withMissing(Conditions.of(Conditions.STORAGE_READY, false,
            MissingData.REASON_SECRET_MISSING, MissingData.secretMessage(secret)));
      } else {
        changes.note(applier.createIfAbsent(StorageSecrets.generate(ctx), existingSecret));
      }
    }
    List<HasMetadata> dependencies = ctx.inClusterPulsar()
        ? InClusterPulsar.startable(ctx, shapes.dependencies(), d -> existing(context, d).isPresent(),
            PulsarStatus.progress(ctx, observed))
        : shapes.dependencies();
    for (HasMetadata dependency : dependencies) {
      // A Job's pod template is immutable, and a completed one has done its work: it is only ever created.
      changes.note(dependency instanceof Job ? applier.createIfAbsent(dependency, existing(context, dependency))
          : applier.apply(dependency, existing(context, dependency)));
    }
    changes.note(applier.apply(desired.configMap(), existing(context, desired.configMap())));
    if (desired.dataPvc().isPresent()) {
      PersistentVolumeClaim pvc = desired.dataPvc().get();
      Optional<PersistentVolumeClaim> existingPvc = existing(context, pvc);
      boolean deleted = existingPvc.map(p -> p.getMetadata().getDeletionTimestamp() != null).orElse(madeBefore);
      if (deleted) {
        observed = observed.withMissing(Conditions.of(Conditions.MSG_STREAM_READY, false,
            MissingData.REASON_DATA_VOLUME_MISSING, MissingData.dataVolumeMessage(pvc.getMetadata().getName())));
      } else {
        changes.note(applier.createOrGrow(pvc, existingPvc));
      }
    }
    changes.note(applier.apply(desired.service(), existing(context, desired.service())));

    List<MilvusCondition> dependencyConditions = MilvusStatusCalculator.dependencyConditions(ctx, observed);
    if (MilvusStatusCalculator.dependenciesReady(dependencyConditions)) {
      observed = applyWorkloads(milvus, ctx, desired, plan, observed, applier, changes, overridden ? refusal : Optional.empty());
    } else {
      LOG.info("{}/{}: waiting for dependencies before starting Milvus: {}", ctx.namespace(), ctx.name(),
          notReady(dependencyConditions));
    }

    MilvusStatus status = MilvusStatusCalculator.compute(milvus, ctx, observed, plan, now);
    List<String> ignored = new ArrayList<>(IgnoredFields.of(milvus.getSpec()));
    ignored.addAll(InClusterValues.ignored(ctx));
    status.setIgnoredFields(nullIfEmpty(ignored.stream().sorted().toList()));
    UpdateControl<Milvus> control = statusUpdate(milvus, status, events, observed.external().keySet(), context);
    // a changed external dependency reconciles through DependencyChecks; Secrets that in-cluster dependencies mount
    // (Pulsar's JWT keys, made by the user, so not in the labelled cache) are looked for again
    if (!observed.missingSecrets().isEmpty() && !MilvusStatusCalculator.dependenciesReady(status.getConditions())) {
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
      Deployment wanted = entry.getValue();
      if (before == null && wanted.getSpec().getReplicas() == null) {
        // replicas -1: a new Deployment starts with one pod (the API server's default), then the count is not ours
        wanted = new DeploymentBuilder(wanted).editSpec().withReplicas(1).endSpec().build();
      }
      var result = applier.apply(wanted, Optional.ofNullable(before));
      changes.note(result, changes.madeBefore() && reported(milvus, entry.getKey()));
      applied.put(entry.getKey(), result.object());
      String newImage = DeploymentProgress.templateImage(result.object());
      String oldImage = before == null ? null : DeploymentProgress.templateImage(before);
      if (before != null && !Objects.equals(newImage, oldImage)) {
        changes.rolled(entry.getKey(), oldImage, newImage, plan, overriddenRefusal);
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

  /** Whether the last status reported this component's Deployment (so a create now puts back a deleted one). */
  private static boolean reported(Milvus milvus, MilvusComponent component) {
    var deployed = milvus.getStatus() == null ? null : milvus.getStatus().getComponentsDeployStatus();
    return deployed != null && deployed.containsKey(component.label());
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

  /** Paused by the annotation: only the status (and one Event) says so. */
  private UpdateControl<Milvus> paused(Milvus milvus, EventRecorder events, Instant now, Context<Milvus> context) {
    if (!ReconcilePause.told(milvus.getStatus())) {
      LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), ReconcilePause.MESSAGE);
      events.normal(milvus, Conditions.REASON_RECONCILE_PAUSED, ReconcilePause.MESSAGE);
    }
    MilvusStatus status = ReconcilePause.status(milvus.getStatus(), now);
    if (!Objects.equals(JSON.asJson(milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus()),
        JSON.asJson(status))) {
      StatusWriter.patch(context, milvus, milvus.getStatus(), status);
    }
    return UpdateControl.noUpdate();
  }

  /** A refused spec changes nothing in the cluster: only the status and an Event say what to fix. */
  private UpdateControl<Milvus> refuse(Milvus milvus, String reason, String message, EventRecorder events,
      Instant now, Context<Milvus> context) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    MilvusStatus status = JSON.clone(previous);
    if (status.getStatus() == null) {
      status.setStatus(MilvusPhase.PENDING.wire());
    }
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(previous.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.SPEC_VALID.equals(c.getType()) || Conditions.RECONCILED.equals(c.getType()));
    conditions.add(Conditions.of(Conditions.SPEC_VALID, false, reason, message));
    if (Conditions.REASON_UPGRADE_REFUSED.equals(reason)) {
      // kubectl get milvus shows UPDATED False with the refusal, not the True of the image it keeps running
      conditions.removeIf(c -> Conditions.MILVUS_UPDATED.equals(c.getType()));
      conditions.add(Conditions.of(Conditions.MILVUS_UPDATED, false, reason, message));
    }
    status.setConditions(Conditions.merge(previous.getConditions(), conditions, now));
    status.setIgnoredFields(nullIfEmpty(IgnoredFields.of(milvus.getSpec())));
    boolean newProblem = Conditions.find(previous.getConditions(), Conditions.SPEC_VALID)
        .map(c -> !message.equals(c.getMessage())).orElse(true);
    if (newProblem) {
      LOG.warn("{}/{}: refused the spec: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(),
          message);
      events.warning(milvus, reason, message);
    }
    if (!Objects.equals(JSON.asJson(previous), JSON.asJson(status))) {
      StatusWriter.patch(context, milvus, milvus.getStatus(), status);
    }
    return UpdateControl.noUpdate();
  }

  private UpdateControl<Milvus> statusUpdate(Milvus milvus, MilvusStatus status, EventRecorder events,
      Set<String> external, Context<Milvus> context) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    if (Objects.equals(JSON.asJson(previous), JSON.asJson(status))) {
      return UpdateControl.noUpdate();
    }
    if (!Objects.equals(previous.getStatus(), status.getStatus())) {
      LOG.info("{}/{}: status {} -> {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(),
          previous.getStatus(), status.getStatus());
    }
    for (StatusEvents.Announcement event : StatusEvents.between(previous, status, external)) {
      if (event.warning()) {
        events.warning(milvus, event.reason(), event.message());
      } else {
        events.normal(milvus, event.reason(), event.message());
      }
    }
    StatusWriter.patch(context, milvus, milvus.getStatus(), status);
    return UpdateControl.noUpdate();
  }

  /**
   * An error that persists (the API server refusing a write, a bug) is told on the resource as well as in the log:
   * condition Reconciled False with the API's message, until a reconcile succeeds.
   */
  @Override
  public ErrorStatusUpdateControl<Milvus> updateErrorStatus(Milvus milvus, Context<Milvus> context, Exception e) {
    // the first failure may be a conflict or a blip that the retry absorbs; a failed retry is worth telling
    boolean persists = context.getRetryInfo().map(r -> r.getAttemptCount() >= 1 || r.isLastAttempt()).orElse(false);
    if (!persists) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    MilvusCondition failed = ReconcileFailure.condition(e);
    boolean news = Conditions.find(previous.getConditions(), Conditions.RECONCILED)
        .map(c -> !Objects.equals(c.getMessage(), failed.getMessage())).orElse(true);
    if (!news) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    LOG.warn("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), failed.getMessage());
    MilvusStatus status = JSON.clone(previous);
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(previous.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.RECONCILED.equals(c.getType()));
    conditions.add(failed);
    status.setConditions(Conditions.merge(previous.getConditions(), conditions, Instant.now(settings.clock())));
    try {
      new EventRecorder(context.getClient(), settings.clock()).warning(milvus, failed.getReason(), failed.getMessage());
      StatusWriter.patch(context, milvus, milvus.getStatus(), status);
    } catch (RuntimeException writeFailed) {
      LOG.warn("{}/{}: could not report the error on the resource: {}", milvus.getMetadata().getNamespace(),
          milvus.getMetadata().getName(), writeFailed.getMessage());
    }
    return ErrorStatusUpdateControl.defaultErrorProcessing();
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
  private record Changes(Milvus milvus, EventRecorder events, boolean madeBefore) {
    void rolled(MilvusComponent component, String from, String to, RolloutPlan plan, Optional<String> overridden) {
      String order = plan.oneAtATime() ? " (in dependency order; next: "
          + (plan.pending().isEmpty() ? "none" : plan.pending().stream().map(MilvusComponent::label)
              .collect(Collectors.joining(", "))) + ")" : "";
      String message = "Replacing " + component.label() + " pods: " + imageOrForeign(from) + " -> " + imageOrForeign(to)
          + order
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

    /** A pod template made by someone else may have no container of ours: say so rather than "null". */
    private static String imageOrForeign(String image) {
      return image == null ? "(a pod template without a " + ComponentDeployment.CONTAINER + " container)" : image;
    }

    void retired(Deployment old, MilvusComponent component) {
      String message = "Removed Deployment " + old.getMetadata().getName() + ": " + component.label()
          + " does not run in this version of Milvus";
      LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), message);
      events.normal(milvus, "RemovedComponent", message);
    }

    /**
     * An Event per write. An object made again for a Milvus whose objects were all made for this spec was deleted by
     * hand, and one whose owned fields differed was edited: both are told as restored.
     */
    void note(ObjectApplier.Result<?> result) {
      note(result, madeBefore);
    }

    /** @param existedBefore whether a create puts back an object that was there (deleted by hand) */
    void note(ObjectApplier.Result<?> result, boolean existedBefore) {
      HasMetadata object = result.object();
      String what = object.getKind() + " " + object.getMetadata().getName();
      String reason;
      String message;
      switch (result.outcome()) {
        case UNCHANGED -> {
          return;
        }
        case CREATED -> {
          reason = existedBefore ? "Restored" : "Created";
          message = existedBefore ? "Restored " + what + ", which was deleted" : "Created " + what;
        }
        case RESTORED -> {
          reason = "Restored";
          message = "Restored " + what + ": " + String.join(", ", result.restored()) + " had been changed by hand";
        }
        default -> {
          reason = "Updated";
          message = "Updated " + what;
        }
      }
      LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), message);
      events.normal(milvus, reason, message);
    }
  }
}
