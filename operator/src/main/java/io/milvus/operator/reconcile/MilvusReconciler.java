package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.milvus.operator.render.ClusterFacts;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.dependent.RecentOperationCacheFiller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.Admission;
import io.milvus.operator.decide.CachedObjects;
import io.milvus.operator.decide.MilvusDecider;
import io.milvus.operator.decide.MilvusDecision;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.decide.MilvusInputs;
import io.milvus.operator.decide.MilvusWorld;
import io.milvus.operator.decide.Refusals;
import io.milvus.operator.decide.Refused;
import io.milvus.operator.decide.Report;
import io.milvus.operator.decide.Write;
import io.milvus.operator.decide.WriteEvents;
import io.milvus.operator.decide.Written;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@code Milvus}: observe, ask the pure {@link MilvusDecider}, act. Admission (is the spec usable at
 * all?) is asked before anything is observed; the decision names the writes; the report (status, Events) is computed
 * from what the writes returned, then the Events and the status are written. Nothing here decides anything.
 */
@ControllerConfiguration(name = "milvus", finalizerName = MilvusReconciler.FINALIZER)
public class MilvusReconciler implements Reconciler<Milvus>, Cleaner<Milvus> {

  /** Upstream's finalizer name, so a Milvus made by either operator is cleaned up by the other. */
  public static final String FINALIZER = "milvus.milvus.io/finalizer";
  private static final Logger LOG = LoggerFactory.getLogger(MilvusReconciler.class);
  /** The types of the objects a decision compares its desired forms with (all watched, labelled). */
  private static final List<Class<? extends HasMetadata>> CACHED = List.of(Deployment.class, StatefulSet.class,
      Service.class, ConfigMap.class, PersistentVolumeClaim.class, Secret.class, Job.class, PodDisruptionBudget.class,
      Ingress.class);

  private final OperatorSettings settings;
  private final DependencyChecks dependencyChecks;
  private final MilvusObserver observer;
  private final MilvusCache cache;
  private final ClusterFactsReader clusterFacts;
  /** Live objects found matching their desired form: compared again only when either changes. */
  private final VerifiedObjects verified = new VerifiedObjects();

  public MilvusReconciler(OperatorSettings settings) {
    this(settings, new MilvusCache());
  }

  /** @param cache handed the Milvus informer cache once JOSDK made it, for the gauges */
  public MilvusReconciler(OperatorSettings settings, MilvusCache cache) {
    this.settings = settings;
    this.cache = cache;
    this.dependencyChecks = new DependencyChecks(settings.probe(), settings.externalRecheck(), settings.clock());
    this.observer = new MilvusObserver(dependencyChecks);
    this.clusterFacts = new ClusterFactsReader(settings.clock());
  }

  @Override
  public List<EventSource<?, Milvus>> prepareEventSources(EventSourceContext<Milvus> context) {
    cache.attach(context.getPrimaryCache());
    return List.of(
        Secondaries.informer(Deployment.class, context),
        Secondaries.informer(StatefulSet.class, context),
        Secondaries.informer(Service.class, context),
        Secondaries.informer(ConfigMap.class, context),
        Secondaries.informer(PersistentVolumeClaim.class, context),
        Secondaries.informer(Secret.class, context),
        Secondaries.informer(Job.class, context),
        Secondaries.informer(PodDisruptionBudget.class, context),
        Secondaries.pods(context),
        Secondaries.informer(Ingress.class, context),
        dependencyChecks);
  }

  @Override
  public UpdateControl<Milvus> reconcile(Milvus milvus, Context<Milvus> context) {
    Instant now = Instant.now(settings.clock());
    MilvusInputs inputs = new MilvusInputs(settings.defaults(), settings.upgradePaths(), settings.rolloutDeadline(),
        settings.externalRecheck());
    Admission admission = MilvusDecider.admit(milvus, inputs, WalkInputs.running(milvus, context), now);
    if (admission instanceof Refused refused) {
      return tell(milvus, refused.report(), context);
    }
    Admission.Admitted admitted = (Admission.Admitted) admission;
    admitted = new Admission.Admitted(HelmReleases.served(milvus, admitted.ctx(), context), admitted.overriddenRefusal(),
        admitted.walk());
    ClusterFacts facts = clusterFacts.read(context.getClient(), admitted.ctx());
    CachedObjects cached = Secondaries.cached(context, CACHED);
    cached = cached.with(clusterFacts.unlabelledIngress(context.getClient(), admitted.ctx(), cached));
    MilvusWorld world = new MilvusWorld(milvus, inputs, observer.observe(milvus, admitted.ctx(), context), cached,
        StorageSecrets.freshKeys(), now, facts,
        clusterFacts.podMonitor(context.getClient(), admitted.ctx().with(facts)));
    MilvusDecision decision = MilvusDecider.decide(admitted, world);
    if (decision instanceof Refused refused) {
      return tell(milvus, refused.report(), context);
    }
    Converge converge = (Converge) decision;
    return tell(milvus, MilvusDecider.report(world, converge, write(milvus, converge, context)), context);
  }

  /**
   * Performs the writes in order. When one fails, the Events of those already made are still told (the retry finds
   * them made and would not tell them again), then the failure goes on to the retry and the error status.
   */
  private List<Written> write(Milvus milvus, Converge decision, Context<Milvus> context) {
    ObjectApplier applier = new ObjectApplier(context.getClient(), verified);
    List<Written> written = new ArrayList<>();
    try {
      for (Write write : decision.writes()) {
        written.add(perform(applier, context, write));
      }
      return written;
    } catch (RuntimeException e) {
      EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
      for (Announcement event : WriteEvents.of(milvus, decision, written)) {
        LOG.info("{}/{}: {}", milvus.getMetadata().getNamespace(), milvus.getMetadata().getName(), event.message());
        record(events, milvus, event);
      }
      throw e;
    }
  }

  private static Written perform(ObjectApplier applier, Context<Milvus> context, Write write) {
    HasMetadata object = write.object();
    ObjectApplier.Result<?> result = switch (write.kind()) {
      case MARK_MILVUS -> {
        MilvusMetadata.patch(context.getClient(), (Milvus) object, object.getMetadata().getAnnotations(),
            object.getMetadata().getLabels());
        yield new ObjectApplier.Result<>(object, Written.Outcome.UNCHANGED, List.of());
      }
      case APPLY -> applier.apply(object, write.current());
      case CREATE_IF_ABSENT -> applier.createIfAbsent(object, write.current());
      case CREATE_OR_GROW -> applier.createOrGrow((PersistentVolumeClaim) object,
          write.current().map(PersistentVolumeClaim.class::cast));
      case DELETE -> {
        applier.delete(object);
        yield new ObjectApplier.Result<>(object, Written.Outcome.DELETED, List.of());
      }
    };
    Written written = new Written(write, result.object(), result.outcome(), result.restored());
    ownWrite(context, written);
    return written;
  }

  /**
   * Hands an object this reconcile created or updated to its informer, which then skips the event of exactly that
   * version (this reconcile acted on it already) and still passes on any later version, someone else's change too.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void ownWrite(Context<Milvus> context, Written written) {
    HasMetadata object = written.object();
    Optional<HasMetadata> previous = written.write().current();
    boolean created = written.outcome() == Written.Outcome.CREATED;
    boolean updated = (written.outcome() == Written.Outcome.UPDATED || written.outcome() == Written.Outcome.RESTORED)
        && previous.isPresent();
    if (!created && !updated) {
      return;
    }
    List<? extends EventSource<?, Milvus>> sources = context.eventSourceRetriever()
        .getEventSourcesFor(object.getClass());
    if (sources.size() == 1 && sources.get(0) instanceof RecentOperationCacheFiller informer) {
      if (created) {
        informer.handleRecentResourceCreate(ResourceID.fromResource(object), object);
      } else {
        informer.handleRecentResourceUpdate(ResourceID.fromResource(object), object, previous.get());
      }
    }
  }

  /** Logs, records the Events, writes the status if it changed, and says when to look again. */
  private UpdateControl<Milvus> tell(Milvus milvus, Report report, Context<Milvus> context) {
    String ns = milvus.getMetadata().getNamespace();
    String name = milvus.getMetadata().getName();
    for (Report.LogLine line : report.log()) {
      if (line.warning()) {
        LOG.warn("{}/{}: {}", ns, name, line.message());
      } else {
        LOG.info("{}/{}: {}", ns, name, line.message());
      }
    }
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    report.events().forEach(event -> record(events, milvus, event));
    report.status().ifPresent(status -> StatusWriter.patch(context, milvus, milvus.getStatus(), status));
    UpdateControl<Milvus> control = UpdateControl.noUpdate();
    report.recheckAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  private static void record(EventRecorder events, Milvus milvus, Announcement event) {
    if (event.warning()) {
      events.warning(milvus, event.reason(), event.message());
    } else {
      events.normal(milvus, event.reason(), event.message());
    }
  }

  @Override
  public DeleteControl cleanup(Milvus milvus, Context<Milvus> context) {
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    RenderContext ctx = HelmReleases.served(milvus,
        MilvusDecider.renderContext(milvus, settings.defaults(), WalkInputs.running(milvus, context)), context);
    new MilvusCleanup(context.getClient(), events).deleteRequestedData(milvus, ctx);
    CACHED.forEach(type -> Secondaries.all(context, type).forEach(verified::forget));
    LOG.info("{}/{}: deleted; owned objects are garbage-collected", ctx.namespace(), ctx.name());
    return DeleteControl.defaultDelete();
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
    Optional<Report> report = Refusals.failure(milvus, ReconcileFailure.condition(e), Instant.now(settings.clock()));
    try {
      report.ifPresent(r -> tell(milvus, r, context));
    } catch (RuntimeException writeFailed) {
      LOG.warn("{}/{}: could not report the error on the resource: {}", milvus.getMetadata().getNamespace(),
          milvus.getMetadata().getName(), writeFailed.getMessage());
    }
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }
}
