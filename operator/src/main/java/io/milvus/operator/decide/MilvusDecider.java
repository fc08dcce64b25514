package io.milvus.operator.decide;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.milvus.operator.status.ReconcilePause;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.adopt.ConfigMeaning;
import io.milvus.operator.adopt.ServiceAdoption;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.adopt.UnsupportedLayout;
import io.milvus.operator.api.IgnoredFields;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusValidator;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.decide.Report.LogLine;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.render.DesiredState;
import io.milvus.operator.rollout.QueryNodeGroups;
import io.milvus.operator.status.LiveQueryNodes;
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.InClusterValues;
import io.milvus.operator.render.Labels;
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
import io.milvus.operator.status.WalkStatus;
import io.milvus.operator.rollout.UpgradeWalk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;
  /** A settled hop's status write reconciles nothing by itself: the next hop starts after this short wait. */
  private static final Duration NEXT_HOP = Duration.ofMillis(50);

  private MilvusDecider() {}

  /** The defaulted spec of a Milvus as it is written, with what it runs (for cleanup). */
  public static RenderContext renderContext(Milvus milvus, OperatorDefaults defaults, RunningMilvus running) {
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), Walks.defaultsFor(milvus, defaults, running));
    return RenderContext.of(milvus, spec);
  }

  /** {@link #admit(Milvus, MilvusInputs, RunningMilvus, Instant)} knowing nothing of what the Milvus runs. */
  public static Admission admit(Milvus milvus, MilvusInputs inputs, Instant now) {
    return admit(milvus, inputs, RunningMilvus.UNKNOWN, now);
  }

  /**
   * Refuses an invalid spec, a version move the upgrade paths refuse, and values that cannot be built. The admitted
   * spec is that of this reconcile's hop towards the requested image (docs/upgrade-paths.md).
   */
  public static Admission admit(Milvus milvus, MilvusInputs inputs, RunningMilvus running, Instant now) {
    if (ReconcilePause.requested(milvus)) {
      return paused(milvus, now);
    }
    List<ValidationProblem> problems = MilvusValidator.validate(milvus);
    if (!problems.isEmpty()) {
      return Refusals.refuse(milvus, Conditions.REASON_SPEC_INVALID, "The spec is invalid and was not applied: "
          + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")), now);
    }
    Optional<String> pathPolicy = Walks.pathPolicyProblem(milvus);
    if (pathPolicy.isPresent()) {
      return Refusals.refuse(milvus, Conditions.REASON_ANNOTATION_INVALID, pathPolicy.get(), now);
    }
    OperatorDefaults defaults = Walks.defaultsFor(milvus, inputs.defaults(), running);
    UpgradeWalk walk = Walks.walk(milvus, defaults, inputs.upgradePaths(), running);
    if (walk.refusal().isPresent()) {
      return Refusals.refuse(milvus, Conditions.REASON_UPGRADE_REFUSED, walk.refusal().get() + " (nothing was"
          + " changed; the annotation " + MilvusAnnotations.ALLOW_UNSAFE_UPGRADE + ": \"true\" overrides this check at"
          + " your own risk)", now);
    }
    RenderContext ctx = RenderContext.of(milvus, MilvusDefaults.apply(walk.effectiveSpec(milvus.getSpec()), defaults));
    List<String> unbuildable = InClusterValues.refusals(ctx);
    if (!unbuildable.isEmpty()) {
      return Refusals.refuse(milvus, Conditions.REASON_SPEC_INVALID, "An in-cluster dependency cannot be built as"
          + " written and nothing was changed: " + String.join("; ", unbuildable), now);
    }
    return new Admission.Admitted(ctx, walk.overriddenRefusal(), walk);
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
    Optional<String> layout = UnsupportedLayout.refusal(ctx.name(), cached.all(Deployment.class));
    if (layout.isPresent()) {
      return Refusals.refuse(milvus, UnsupportedLayout.REASON, layout.get(), world.now());
    }

    RollingDecision rolling = RolloutInputs.decision(milvus, ctx, inputs.upgradePaths(),
        admitted.walk().plan().downgrade());
    MilvusRenderer.UserConfig config = MilvusRenderer.UserConfig.of(ctx);
    RolloutPlan plan = RolloutPlanner.plan(RolloutInputs.plannerInput(milvus, ctx, config, rolling,
        observed.deployments(), observed.queryNodes()));
    DesiredState desired = MilvusRenderer.render(ctx, config, plan.revisionOf(),
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
    Optional<ConfigMap> liveConfig = cached.find(desired.configMap());
    writes.add(Write.of(Write.Kind.APPLY, ConfigMeaning.desired(desired.configMap(), liveConfig), liveConfig,
        madeBefore));
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
    Optional<Service> liveService = cached.find(desired.service());
    writes.add(Write.of(Write.Kind.APPLY, ServiceAdoption.desired(desired.service(), liveService,
        servingPodLabels(ctx)), liveService, madeBefore));
    List<Announcement> notices = new ArrayList<>();
    for (OptionalObjects.Decision optional : List.of(
        OptionalObjects.decide(milvus, desired.ingress(), cached.find(Ingress.class, Names.service(ctx.name())),
            madeBefore),
        OptionalObjects.decide(milvus, desired.podMonitor(), world.podMonitor(), madeBefore))) {
      optional.write().ifPresent(writes::add);
      optional.notice().ifPresent(notices::add);
    }

    List<LogLine> log = new ArrayList<>();
    List<MilvusCondition> dependencyConditions = MilvusStatusCalculator.dependencyConditions(ctx, observed);
    boolean startsMilvus = MilvusStatusCalculator.dependenciesReady(dependencyConditions);
    if (startsMilvus) {
      writes.addAll(workloads(milvus, ctx, desired, plan, observed, madeBefore, rolling.force()));
    } else {
      log.add(new LogLine(false, "waiting for dependencies before starting Milvus: " + notReady(dependencyConditions)));
    }
    return new Converge(List.copyOf(writes), ctx, plan, observed, startsMilvus, admitted.overriddenRefusal(),
        List.copyOf(log), admitted.walk(), List.copyOf(notices));
  }

  /** This step's Deployments, then the removal of those of a previous shape the plan retires. */
  private static List<Write> workloads(Milvus milvus, RenderContext ctx, DesiredState desired, RolloutPlan plan,
      ObservedState observed, boolean madeBefore, boolean force) {
    List<Write> writes = new ArrayList<>();
    for (var entry : desired.deployments().entrySet()) {
      if (entry.getKey() == MilvusComponent.QUERY_NODE) {
        writes.addAll(queryNodes(milvus, ctx, entry.getValue(), observed.queryNodes(), force));
        continue;
      }
      Deployment before = observed.deployments().get(entry.getKey());
      Deployment wanted = TemplateHold.desired(entry.getValue(), Optional.ofNullable(before));
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
   * queryNode in rolling mode 2 ({@link QueryNodeDeployments}): this step's group Deployments (the serving one counts
   * as the component's, for the status), the removal of an earlier release's single Deployment once group 0 has taken
   * over, then the marks on the Milvus that name the serving group and a rollout in progress.
   */
  private static List<Write> queryNodes(Milvus milvus, RenderContext ctx, Deployment rendered, LiveQueryNodes live,
      boolean force) {
    Map<String, String> labels = milvus.getMetadata().getLabels();
    QueryNodeDeployments.Writes planned = QueryNodeDeployments.plan(ctx,
        TemplateHold.desired(rendered, live.serving()), live, force, milvus.getMetadata().getGeneration(),
        Optional.ofNullable(labels == null ? null : labels.get(QueryNodeGroups.ROLLING_ID)));
    List<Write> writes = new ArrayList<>();
    for (Deployment wanted : planned.apply()) {
      String name = wanted.getMetadata().getName();
      Optional<Deployment> before = live.all().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
      writes.add(name.equals(planned.serving()) ? Write.deployment(MilvusComponent.QUERY_NODE, wanted, before, false)
          : Write.otherDeployment(wanted, before));
    }
    planned.delete().ifPresent(old -> writes.add(new Write(Write.Kind.DELETE, old, Optional.of(old),
        Optional.empty(), false)));
    if (differs(milvus.getMetadata().getAnnotations(), planned.annotations())
        || differs(milvus.getMetadata().getLabels(), planned.labels())) {
      Milvus marks = new Milvus();
      marks.getMetadata().setName(milvus.getMetadata().getName());
      marks.getMetadata().setNamespace(milvus.getMetadata().getNamespace());
      marks.getMetadata().setAnnotations(new java.util.LinkedHashMap<>(planned.annotations()));
      marks.getMetadata().setLabels(new java.util.LinkedHashMap<>(planned.labels()));
      writes.add(new Write(Write.Kind.MARK_MILVUS, marks, Optional.of(milvus), Optional.empty(), false));
    }
    return writes;
  }

  /** Whether any of these values (null: absent) differs on the live map. */
  private static boolean differs(Map<String, String> live, Map<String, String> wanted) {
    return wanted.entrySet().stream().anyMatch(e -> !Objects.equals(live == null ? null : live.get(e.getKey()),
        e.getValue()));
  }

  /**
   * The status and Events after the writes: the status computed on the Deployments as written (so it reflects this
   * step at once), the Events for what the writes changed, then those the status change deserves.
   */
  public static Report report(MilvusWorld world, Converge decision, List<Written> written) {
    Milvus milvus = world.milvus();
    List<Announcement> events = new ArrayList<>(WriteEvents.of(milvus, decision, written));
    events.addAll(decision.notices());
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
    boolean nextHop = WalkStatus.apply(status, milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus(),
        decision.walk(), world.now());
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
    // (Pulsar's JWT keys, made by the user, so not in the labelled cache) are looked for again, and so are the
    // user's Secrets pods read at start, whose rotation rolls them
    boolean readsUserSecrets = decision.ctx().cluster().milvusSecrets() != null
        || decision.ctx().cluster().brokerSecrets() != null;
    Optional<Duration> recheck = nextHop ? Optional.of(NEXT_HOP)
        : readsUserSecrets || !observed.missingSecrets().isEmpty()
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

  /** The labels of the pods the client Service reaches: standalone's, or the proxy's. */
  private static Map<String, String> servingPodLabels(RenderContext ctx) {
    MilvusComponent front = MilvusDefaults.MODE_CLUSTER.equals(ctx.spec().getMode()) ? MilvusComponent.PROXY
        : MilvusComponent.STANDALONE;
    Map<String, String> labels = new LinkedHashMap<>(Labels.component(ctx.name(), front.label()));
    labels.put(Labels.SERVICE, "true");
    return labels;
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
