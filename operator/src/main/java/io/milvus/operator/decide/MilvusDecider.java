package io.milvus.operator.decide;

import io.milvus.operator.status.ReconcilePause;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.IgnoredFields;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusValidator;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.decide.Report.LogLine;
import io.milvus.operator.render.DesiredState;
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.InClusterValues;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.render.RunningShapes;
import io.milvus.operator.render.StorageSecret;
import io.milvus.operator.rollout.RollingDecision;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.rollout.RolloutPlanner;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.MilvusStatusCalculator;
import io.milvus.operator.status.MissingData;
import io.milvus.operator.status.ObservedState;
import io.milvus.operator.status.PulsarStatus;
import io.milvus.operator.status.StatusEvents;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pure: what to do with a Milvus. The reconciler observes, then asks three questions in turn:
 * <ol>
 *   <li>{@link #admit}: can the spec be acted on at all? Decided from the resource alone, before anything is observed
 *       (observing reads Secrets and starts dependency checks, which a refused spec must not cost).</li>
 *   <li>{@link #decide}: given the observed {@link MilvusWorld}, refuse, or which objects to write, in order.</li>
 *   <li>{@link #report}: given what the writes did, the status to write, the Events and log lines.</li>
 * </ol>
 * The last step is separate because the status depends on the API server's answers: an updated Deployment comes
 * back with a new generation its controller has not observed yet, which is what makes the status say "updating" at
 * once; and only the writes tell which objects were created, restored by hand or updated, which the Events say.
 * Predicting the answers instead would duplicate the API server's defaulting here.
 */
public final class MilvusDecider {

  private static final String UNSAFE_UPGRADE_ALLOWED = "true";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private MilvusDecider() {}

  /** The defaulted spec of a Milvus, as rendered (for cleanup as well as reconcile). */
  public static RenderContext renderContext(Milvus milvus, OperatorDefaults defaults) {
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), defaultsFor(milvus, defaults));
    return RenderContext.of(milvus, spec);
  }

  /** Refuses an invalid spec, values that cannot be built, and a version jump Milvus does not support. */
  public static Admission admit(Milvus milvus, MilvusInputs inputs, Instant now) {
    if (ReconcilePause.requested(milvus)) {
      return paused(milvus, now);
    }
    List<ValidationProblem> problems = MilvusValidator.validate(milvus);
    if (!problems.isEmpty()) {
      return Refusals.refuse(milvus, Conditions.REASON_SPEC_INVALID, "The spec is invalid and was not applied: "
          + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")), now);
    }
    RenderContext ctx = renderContext(milvus, inputs.defaults());
    List<String> unbuildable = InClusterValues.refusals(ctx);
    if (!unbuildable.isEmpty()) {
      return Refusals.refuse(milvus, Conditions.REASON_SPEC_INVALID, "An in-cluster dependency cannot be built as"
          + " written and nothing was changed: " + String.join("; ", unbuildable), now);
    }
    Optional<String> refusal = upgradeRefusal(milvus, ctx, inputs);
    boolean overridden = refusal.isPresent()
        && UNSAFE_UPGRADE_ALLOWED.equals(annotation(milvus, MilvusAnnotations.ALLOW_UNSAFE_UPGRADE));
    if (refusal.isPresent() && !overridden) {
      return Refusals.refuse(milvus, Conditions.REASON_UPGRADE_REFUSED, refusal.get() + " (nothing was changed; the"
          + " annotation " + MilvusAnnotations.ALLOW_UNSAFE_UPGRADE + ": \"true\" overrides this check at your own risk)",
          now);
    }
    return new Admission.Admitted(ctx, overridden ? refusal : Optional.empty());
  }

  /** Paused by upstream's annotation: only the status (and, the first time, an Event) says so; nothing is written. */
  private static Refused paused(Milvus milvus, Instant now) {
    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    MilvusStatus status = ReconcilePause.status(previous, now);
    boolean news = !ReconcilePause.told(previous);
    return new Refused(new Report(sameJson(previous, status) ? Optional.empty() : Optional.of(status),
        news ? List.of(new Announcement(false, Conditions.REASON_RECONCILE_PAUSED, ReconcilePause.MESSAGE)) : List.of(),
        news ? List.of(new LogLine(false, ReconcilePause.MESSAGE)) : List.of(), Optional.empty()));
  }

  /**
   * The objects to write for an admitted Milvus, in order: the MinIO Secret, the in-cluster dependencies, the
   * ConfigMap, the data claim, the Service, then (once the dependencies are ready) this rollout step's Deployments
   * and the removal of those the plan retires. A generated Secret or data claim of a Milvus that has run is not made
   * again when deleted (that would lose data without a word): it is reported instead.
   */
  public static MilvusDecision decide(Admission.Admitted admitted, MilvusWorld world) {
    RenderContext ctx = admitted.ctx().with(world.cluster());
    Milvus milvus = world.milvus();
    MilvusInputs inputs = world.inputs();
    CachedObjects cached = world.cached();
    ObservedState observed = world.observed();
    boolean madeBefore = MissingData.wasMadeBefore(milvus);

    RollingDecision rolling = RolloutInputs.decision(milvus, ctx, inputs.upgradePaths());
    RolloutPlan plan = RolloutPlanner.plan(RolloutInputs.plannerInput(milvus, ctx, rolling, observed.deployments()));
    DesiredState desired = MilvusRenderer.render(ctx, plan.revisionOf(),
        new MilvusRenderer.Options(rolling.force(), (int) inputs.rolloutDeadline().toSeconds()));
    RunningShapes shapes = RunningShapes.of(ctx, desired.dependencies(), observed.dependencies());
    if (!shapes.refusals().isEmpty()) {
      return Refusals.refuse(milvus, Conditions.REASON_SPEC_INVALID, "An in-cluster dependency cannot be changed in"
          + " place and nothing was changed: " + String.join("; ", shapes.refusals()), world.now());
    }

    List<Write> writes = new ArrayList<>();
    if (!ctx.externalStorage()) {
      String secret = Names.minioSecret(ctx.name());
      Optional<Secret> existing = cached.find(Secret.class, secret);
      if (existing.isEmpty() && madeBefore) {
        observed = observed.withMissing(Conditions.of(Conditions.STORAGE_READY, false,
            MissingData.REASON_SECRET_MISSING, MissingData.secretMessage(secret)));
      } else {
        Secret generated = StorageSecret.generated(ctx, world.freshKeys().accessKey(), world.freshKeys().secretKey());
        writes.add(Write.of(Write.Kind.CREATE_IF_ABSENT, generated, existing, madeBefore));
      }
    }
    List<HasMetadata> dependencies = ctx.inClusterPulsar()
        ? InClusterPulsar.startable(ctx, shapes.dependencies(), d -> cached.find(d).isPresent(),
            PulsarStatus.progress(ctx, observed))
        : shapes.dependencies();
    for (HasMetadata dependency : dependencies) {
      // A Job's pod template is immutable, and a completed one has done its work: it is only ever created.
      Write.Kind kind = dependency instanceof Job ? Write.Kind.CREATE_IF_ABSENT : Write.Kind.APPLY;
      writes.add(Write.of(kind, dependency, cached.find(dependency), madeBefore));
    }
    writes.add(Write.of(Write.Kind.APPLY, desired.configMap(), cached.find(desired.configMap()), madeBefore));
    if (desired.dataPvc().isPresent()) {
      PersistentVolumeClaim pvc = desired.dataPvc().get();
      Optional<PersistentVolumeClaim> existing = cached.find(pvc);
      boolean deleted = existing.map(p -> p.getMetadata().getDeletionTimestamp() != null).orElse(madeBefore);
      if (deleted) {
        observed = observed.withMissing(Conditions.of(Conditions.MSG_STREAM_READY, false,
            MissingData.REASON_DATA_VOLUME_MISSING, MissingData.dataVolumeMessage(pvc.getMetadata().getName())));
      } else {
        writes.add(Write.of(Write.Kind.CREATE_OR_GROW, pvc, existing, madeBefore));
      }
    }
    writes.add(Write.of(Write.Kind.APPLY, desired.service(), cached.find(desired.service()), madeBefore));
    desired.ingress().ifPresent(ingress -> writes.add(Write.of(Write.Kind.APPLY, ingress, cached.find(ingress),
        madeBefore)));
    desired.podMonitor().ifPresent(monitor -> writes.add(Write.of(Write.Kind.APPLY, monitor, world.podMonitor(),
        madeBefore)));

    List<LogLine> log = new ArrayList<>();
    List<MilvusCondition> dependencyConditions = MilvusStatusCalculator.dependencyConditions(ctx, observed);
    boolean startsMilvus = MilvusStatusCalculator.dependenciesReady(dependencyConditions);
    if (startsMilvus) {
      writes.addAll(workloads(milvus, desired, plan, observed, madeBefore));
    } else {
      log.add(new LogLine(false, "waiting for dependencies before starting Milvus: " + notReady(dependencyConditions)));
    }
    return new Converge(List.copyOf(writes), ctx, plan, observed, startsMilvus, admitted.overriddenRefusal(),
        List.copyOf(log));
  }

  /** This step's Deployments, then the removal of those of a previous shape the plan retires. */
  private static List<Write> workloads(Milvus milvus, DesiredState desired, RolloutPlan plan, ObservedState observed,
      boolean madeBefore) {
    List<Write> writes = new ArrayList<>();
    for (var entry : desired.deployments().entrySet()) {
      Deployment before = observed.deployments().get(entry.getKey());
      Deployment wanted = entry.getValue();
      if (before == null && wanted.getSpec().getReplicas() == null) {
        // replicas -1: a new Deployment starts with one pod (the API server's default), then the count is not ours
        wanted = new DeploymentBuilder(wanted).editSpec().withReplicas(1).endSpec().build();
      }
      writes.add(Write.deployment(entry.getKey(), wanted, Optional.ofNullable(before),
          madeBefore && reported(milvus, entry.getKey())));
    }
    for (MilvusComponent retired : plan.retire()) {
      Deployment old = observed.deployments().get(retired);
      if (old != null) {
        writes.add(Write.delete(retired, old));
      }
    }
    return writes;
  }

  /**
   * The status and Events after the writes: the status computed on the Deployments as written (so it reflects this
   * step at once), the Events for what the writes changed, then those the status change deserves.
   */
  public static Report report(MilvusWorld world, Converge decision, List<Written> written) {
    Milvus milvus = world.milvus();
    List<Announcement> events = new ArrayList<>(WriteEvents.of(milvus, decision, written));
    List<LogLine> log = new ArrayList<>(decision.log());
    events.forEach(e -> log.add(new LogLine(e.warning(), e.message())));
    ObservedState observed = decision.observed();
    if (decision.startsMilvus()) {
      Map<MilvusComponent, Deployment> applied = new EnumMap<>(MilvusComponent.class);
      applied.putAll(observed.deployments());
      for (Written w : written) {
        w.write().component().ifPresent(component -> {
          if (w.outcome() == Written.Outcome.DELETED) {
            applied.remove(component);
          } else {
            applied.put(component, (Deployment) w.object());
          }
        });
      }
      observed = observed.withDeployments(applied);
    }
    MilvusStatus status = MilvusStatusCalculator.compute(milvus, decision.ctx(), observed, decision.plan(),
        world.now());
    List<String> ignored = new ArrayList<>(IgnoredFields.of(milvus.getSpec()));
    ignored.addAll(InClusterValues.ignored(decision.ctx()));
    status.setIgnoredFields(nullIfEmpty(ignored.stream().sorted().toList()));
    status.setIngress(IngressStatusOf.written(written).orElse(null));

    MilvusStatus previous = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    boolean changed = !sameJson(previous, status);
    if (changed) {
      if (!Objects.equals(previous.getStatus(), status.getStatus())) {
        log.add(new LogLine(false, "status " + previous.getStatus() + " -> " + status.getStatus()));
      }
      events.addAll(StatusEvents.between(previous, status, observed.external().keySet()));
    }
    // a changed external dependency reconciles through its checks; Secrets that in-cluster dependencies mount
    // (Pulsar's JWT keys, made by the user, so not in the labelled cache) are looked for again
    Optional<Duration> recheck = !observed.missingSecrets().isEmpty()
        && !MilvusStatusCalculator.dependenciesReady(status.getConditions())
        ? Optional.of(world.inputs().externalRecheck()) : Optional.empty();
    return new Report(changed ? Optional.of(status) : Optional.empty(), List.copyOf(events), List.copyOf(log),
        recheck);
  }

  static boolean sameJson(Object a, Object b) {
    return Objects.equals(JSON.asJson(a), JSON.asJson(b));
  }

  static MilvusStatus copy(MilvusStatus status) {
    return JSON.clone(status);
  }

  /**
   * The operator's defaults, except that a Milvus naming no image keeps the image it runs: an operator upgrade with a
   * newer default image must not upgrade the databases behind their users' backs.
   */
  private static OperatorDefaults defaultsFor(Milvus milvus, OperatorDefaults defaults) {
    String running = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    return running == null ? defaults : new OperatorDefaults(running);
  }

  /** A version jump that Milvus does not support, measured from the version that last ran healthy. */
  private static Optional<String> upgradeRefusal(Milvus milvus, RenderContext ctx, MilvusInputs inputs) {
    Optional<MilvusVersion> running = RolloutInputs.running(milvus);
    Optional<MilvusVersion> target = RolloutInputs.target(ctx);
    if (running.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    return inputs.upgradePaths().refusal(running.get(), target.get());
  }

  /** Whether the last status reported this component's Deployment (so a create now puts back a deleted one). */
  private static boolean reported(Milvus milvus, MilvusComponent component) {
    var deployed = milvus.getStatus() == null ? null : milvus.getStatus().getComponentsDeployStatus();
    return deployed != null && deployed.containsKey(component.label());
  }

  static String annotation(Milvus milvus, String key) {
    var annotations = milvus.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String notReady(List<MilvusCondition> conditions) {
    return conditions.stream().filter(c -> !Conditions.TRUE.equals(c.getStatus()))
        .map(c -> c.getType() + " (" + c.getMessage() + ")").collect(Collectors.joining(", "));
  }

  static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}
