package io.milvus.operator.reconcile;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.milvus.operator.api.MilvusUpgradeDefaults;
import io.milvus.operator.api.MilvusUpgradeValidator;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import io.milvus.operator.upgrade.Decision;
import io.milvus.operator.upgrade.Refusal;
import io.milvus.operator.upgrade.UpgradeAction;
import io.milvus.operator.upgrade.UpgradeAdmission;
import io.milvus.operator.upgrade.UpgradeConditions;
import io.milvus.operator.upgrade.UpgradeMachine;
import io.milvus.operator.upgrade.UpgradeState;
import io.milvus.operator.upgrade.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@code MilvusUpgrade}: observe, let the pure {@link UpgradeMachine} decide, save the status, then act.
 * The status is saved first, with optimistic locking: a decision taken on a stale copy fails before it touches
 * anything, and a restart between the save and the actions resumes from a status that names them (each action is
 * idempotent). No finalizer: like upstream's, an upgrade can be deleted at any time.
 */
@ControllerConfiguration(name = "milvusupgrade")
public class MilvusUpgradeReconciler implements Reconciler<MilvusUpgrade> {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusUpgradeReconciler.class);
  /** A user's backup PVC is not watched (it carries none of our labels): its creation is looked for this often. */
  private static final Duration BACKUP_PVC_RECHECK = Duration.ofSeconds(15);
  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private final OperatorSettings settings;
  private final UpgradeObserver observer;
  private final UpgradeActuator actuator;

  public MilvusUpgradeReconciler(OperatorSettings settings) {
    this.settings = settings;
    this.observer = new UpgradeObserver(settings);
    this.actuator = new UpgradeActuator(settings);
  }

  @Override
  public List<EventSource<?, MilvusUpgrade>> prepareEventSources(EventSourceContext<MilvusUpgrade> context) {
    return UpgradeEventSources.create(context);
  }

  @Override
  public UpdateControl<MilvusUpgrade> reconcile(MilvusUpgrade upgrade, Context<MilvusUpgrade> context) {
    Instant now = Instant.now(settings.clock());
    EventRecorder events = new EventRecorder(context.getClient(), settings.clock());
    MilvusUpgradeSpec spec = MilvusUpgradeDefaults.apply(upgrade.getSpec(), settings.upgrade().toolImage());
    MilvusUpgradeStatus current = upgrade.getStatus() == null ? new MilvusUpgradeStatus() : upgrade.getStatus();
    UpgradeState state = UpgradeState.of(current.getState());
    List<ValidationProblem> problems = MilvusUpgradeValidator.validate(upgrade);
    UpgradeObserver.Observation seen = observer.observe(upgrade, spec, context);

    Optional<Refusal> refusal = state == UpgradeState.PENDING
        ? UpgradeAdmission.check(upgrade, spec, problems, seen.view(), seen.siblings(), seen.backupPvcExists())
        : holdMidFlight(upgrade, problems, seen);
    if (refusal.isPresent()) {
      return hold(upgrade, current, refusal.get(), events, now, context);
    }

    MilvusUpgradeStatus accepted = accepted(current, upgrade, now);
    World world = new World(seen.view().orElseThrow(), seen.jobs(), now);
    Decision decision = UpgradeMachine.decide(upgrade.getMetadata().getName(), spec, accepted, world,
        settings.upgrade());
    UpgradeState next = UpgradeState.of(decision.status().getState());
    if (next != state || !decision.actions().isEmpty()) {
      LOG.info("{}/{}: {} -> {}: {}", upgrade.getMetadata().getNamespace(), upgrade.getMetadata().getName(),
          state.reason(), next.reason(), message(decision.status()));
    }
    MilvusUpgrade saved = save(upgrade, current, decision.status(), context);
    UpgradeActuator.Target target = new UpgradeActuator.Target(saved, spec, seen.milvus().orElseThrow(),
        seen.defaultedMilvusSpec().orElseThrow(), context, events);
    for (UpgradeAction action : decision.actions()) {
      actuator.perform(action, target);
    }
    UpdateControl<MilvusUpgrade> control = UpdateControl.noUpdate();
    decision.recheckAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  /** Once started, an upgrade stops moving (touching nothing) while its spec is invalid or its Milvus is gone. */
  private static Optional<Refusal> holdMidFlight(MilvusUpgrade upgrade, List<ValidationProblem> problems,
      UpgradeObserver.Observation seen) {
    if (!problems.isEmpty()) {
      return UpgradeAdmission.check(upgrade, upgrade.getSpec(), problems, seen.view(), List.of(), true);
    }
    return UpgradeAdmission.milvusMissing(upgrade, seen.view());
  }

  /** The refusal as a False condition, and an Event when it is news; nothing else changes. */
  private UpdateControl<MilvusUpgrade> hold(MilvusUpgrade upgrade, MilvusUpgradeStatus current, Refusal refusal,
      EventRecorder events, Instant now, Context<MilvusUpgrade> context) {
    boolean news = UpgradeConditions.find(current.getConditions(), refusal.conditionType())
        .map(c -> !refusal.message().equals(c.getMessage())).orElse(true);
    MilvusUpgradeStatus held = JSON.clone(current);
    held.setConditions(UpgradeConditions.set(held.getConditions(), refusal.conditionType(), false, refusal.reason(),
        refusal.message(), now, upgrade.getMetadata().getGeneration()));
    held.setObservedGeneration(upgrade.getMetadata().getGeneration());
    if (news && refusal.isPlannedWait()) {
      LOG.info("{}/{}: waiting: {}", upgrade.getMetadata().getNamespace(), upgrade.getMetadata().getName(),
          refusal.message());
      events.normal(upgrade, refusal.reason(), refusal.message());
    } else if (news) {
      LOG.warn("{}/{}: refused: {}", upgrade.getMetadata().getNamespace(), upgrade.getMetadata().getName(),
          refusal.message());
      events.warning(upgrade, refusal.reason(), refusal.message());
    }
    save(upgrade, current, held, context);
    UpdateControl<MilvusUpgrade> control = UpdateControl.noUpdate();
    if (UpgradeAdmission.REASON_NO_BACKUP_PVC.equals(refusal.reason())) {
      control.rescheduleAfter(BACKUP_PVC_RECHECK);
    }
    return control;
  }

  /** The status of an accepted upgrade: Accepted True, no GetMilvusFailed left over. */
  private static MilvusUpgradeStatus accepted(MilvusUpgradeStatus current, MilvusUpgrade upgrade, Instant now) {
    MilvusUpgradeStatus status = JSON.clone(current);
    status.setConditions(UpgradeConditions.set(UpgradeConditions.remove(status.getConditions(),
            UpgradeConditions.CHECKING), UpgradeConditions.ACCEPTED, true, UpgradeConditions.REASON_ACCEPTED,
        "The upgrade is valid and holds Milvus " + UpgradeAdmission.targetNamespace(upgrade) + "/"
            + UpgradeAdmission.targetName(upgrade), now, upgrade.getMetadata().getGeneration()));
    status.setObservedGeneration(upgrade.getMetadata().getGeneration());
    return status;
  }

  /**
   * Writes the status if it changed: an update with the resourceVersion read, so a decision made on a stale copy
   * fails (and is retried) instead of overwriting a newer one. The result goes into JOSDK's cache so the next
   * reconcile starts from it.
   */
  private static MilvusUpgrade save(MilvusUpgrade upgrade, MilvusUpgradeStatus current, MilvusUpgradeStatus next,
      Context<MilvusUpgrade> context) {
    if (Objects.equals(JSON.asJson(current), JSON.asJson(next))) {
      return upgrade;
    }
    MilvusUpgrade copy = new MilvusUpgrade();
    copy.setMetadata(upgrade.getMetadata());
    copy.setSpec(upgrade.getSpec());
    copy.setStatus(next);
    MilvusUpgrade saved = context.getClient().resource(copy).updateStatus();
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(saved), saved, upgrade);
    return saved;
  }

  private static String message(MilvusUpgradeStatus status) {
    return status.getConditions() == null ? "" : status.getConditions().stream()
        .filter(c -> UpgradeConditions.UPGRADED.equals(c.getType()) || UpgradeConditions.ROLLBACKED.equals(c.getType()))
        .map(c -> c.getMessage()).findFirst().orElse("");
  }
}
