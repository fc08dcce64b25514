package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusVersion;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The MilvusUpgrade state machine, a pure function: (defaulted spec, status, observed world) → (next status,
 * actions). States that need nothing new from the cluster are passed through in one decision, as upstream does in one
 * reconcile; a state that must wait for the cluster stops the decision there.
 */
public final class UpgradeMachine {

  public static final String OPERATION_ROLLBACK = "rollback";
  /** Milvus is at 0 replicas because of this upgrade in these states. */
  private static final Set<UpgradeState> MILVUS_STOPPED = EnumSet.of(UpgradeState.OLD_VERSION_STOPPING,
      UpgradeState.BACKUP_META, UpgradeState.BACKUP_META_FAILED, UpgradeState.UPDATING_META,
      UpgradeState.UPDATE_META_FAILED, UpgradeState.ROLLBACK_NEW_VERSION_STOPPING,
      UpgradeState.ROLLBACK_RESTORING_OLD_META, UpgradeState.ROLLBACK_FAILED);
  /** Far more than the longest chain of immediate transitions: more means a bug, not a long upgrade. */
  private static final int MAX_STEPS = 20;

  private UpgradeMachine() {}

  /**
   * @param upgrade the MilvusUpgrade's name (its Jobs and ConfigMaps are named after it)
   * @param spec the spec with defaults applied, already validated
   * @param status the status as last saved
   */
  public static Decision decide(String upgrade, MilvusUpgradeSpec spec, MilvusUpgradeStatus status, World world,
      UpgradeSettings settings) {
    Step step = new Step(upgrade, spec, world, settings, new Draft(status, world.now()));
    Draft d = step.draft();
    boolean rollbackRequested = d.state().canStartRollback() && (Draft.isTrue(d.status.getIsRollbacking())
        || OPERATION_ROLLBACK.equals(spec.getOperation()));
    boolean rollbackRefused = rollbackRequested && !Draft.isTrue(d.status.getIsRollbacking())
        && walkedPastFirstHop(step);
    if (rollbackRequested && !rollbackRefused) {
      startRollback(step, "Rollback requested (spec.operation: rollback)");
    }
    int steps = 0;
    while (advance(step)) {
      if (++steps > MAX_STEPS) {
        throw new IllegalStateException("upgrade " + upgrade + " did not settle after " + MAX_STEPS + " steps, in "
            + d.state());
      }
    }
    if (rollbackRefused) {
      String why = "Rollback refused: Milvus " + step.milvus().displayName() + " has run "
          + step.milvus().health().currentImage() + " on the migrated metadata, past the first version started after"
          + " the migration, so the 2.1 backup (" + step.backupLocation() + ") can no longer be restored safely";
      warnOnce(step, "RollbackRefused", why);
      d.explain(why);
    }
    conditions(step);
    return new Decision(d.status, d.actions(), d.recheck());
  }

  /** Runs the current state's step; true when it moved on and the next state can be evaluated at once. */
  private static boolean advance(Step step) {
    Draft d = step.draft();
    return switch (d.state()) {
      case PENDING -> {
        d.moveTo(UpgradeState.OLD_VERSION_STOPPING, false, "Upgrading Milvus " + step.milvus().displayName()
            + " from " + step.spec().getSourceVersion() + " to " + step.spec().getTargetVersion()
            + ": stop it, back up and migrate its metadata, then start " + step.spec().getTargetImage(), true);
        yield true;
      }
      case OLD_VERSION_STOPPING, ROLLBACK_NEW_VERSION_STOPPING -> StoppingStep.run(step);
      case BACKUP_META -> TaskStep.backup(step);
      case BACKUP_META_FAILED -> TaskStep.backupFailed(step);
      case UPDATING_META -> TaskStep.migrate(step);
      case UPDATE_META_FAILED -> TaskStep.migrateFailed(step);
      case NEW_VERSION_STARTING, ROLLBACK_OLD_VERSION_STARTING -> StartingStep.run(step);
      case ROLLBACK_RESTORING_OLD_META -> TaskStep.restore(step);
      case SUCCEEDED -> succeeded(step);
      case ROLLBACK_SUCCEEDED -> rolledBack(step);
      case ROLLBACK_FAILED -> rollbackFailed(step);
    };
  }

  /**
   * A step failed: roll back when the spec allows it; otherwise stay, with a message that says what state Milvus is
   * left in and what the user can do.
   *
   * @param milvusStopped whether Milvus is at 0 replicas at this point
   */
  static boolean fail(Step step, String why, boolean milvusStopped) {
    Draft d = step.draft();
    if (step.rollbackIfFailed()) {
      d.status.setIsRollbacking(true);
      d.moveTo(UpgradeState.ROLLBACK_NEW_VERSION_STOPPING, true, capitalized(why) + "; rolling back", true);
      return true;
    }
    String text = capitalized(why) + ". rollbackIfFailed is false, so nothing is rolled back: " + (milvusStopped
        ? "Milvus " + step.milvus().displayName() + " stays stopped (0 replicas). Set spec.operation: rollback to"
            + " start " + d.status.getSourceImage() + " again with its replicas ("
            + ReplicaRecords.describe(d.status.getReplicasBeforeUpgrade(), d.status.getDeploymentGroupReplicasBeforeUpgrade())
            + ")"
        : "Milvus " + step.milvus().displayName() + " keeps running " + step.spec().getTargetImage()
            + " and this upgrade completes if it becomes healthy. Set spec.operation: rollback to return to "
            + d.status.getSourceImage());
    d.explain(text);
    warnOnce(step, "UpgradeFailed", text);
    return false;
  }

  /** A Warning Event, unless the upgrade already says exactly this (the same story is told once). */
  /**
   * Whether the walk after the migration has gone past its first hop: Milvus has run a second version on the migrated
   * metadata, which the 2.1 backup would not restore to. Until then a rollback restores the backup as upstream's does.
   */
  static boolean walkedPastFirstHop(Step step) {
    Optional<MilvusVersion> source = MilvusVersion.parse(step.spec().getSourceVersion());
    Optional<MilvusVersion> target = MilvusVersion.parse(step.spec().getTargetVersion());
    Optional<MilvusVersion> running = MilvusVersion.fromImage(step.milvus().health().currentImage());
    return source.isPresent() && target.isPresent() && running.isPresent()
        && step.settings().walkedPastFirstHop(source.get(), target.get(), running.get());
  }

  static void warnOnce(Step step, String reason, String message) {
    Draft d = step.draft();
    boolean told = UpgradeConditions.find(d.status.getConditions(), resultType(d.status))
        .map(c -> message.equals(c.getMessage())).orElse(false);
    if (!told) {
      d.announce(true, reason, message, true);
    }
  }

  private static void startRollback(Step step, String why) {
    Draft d = step.draft();
    d.status.setIsRollbacking(true);
    if (d.status.getReplicasBeforeUpgrade() == null) {
      // Upstream would "start" a Milvus it never stopped with 0 replicas and no image; here nothing was touched.
      d.moveTo(UpgradeState.ROLLBACK_SUCCEEDED, false, why + ": Milvus " + step.milvus().displayName()
          + " was not touched yet, nothing to roll back", true);
      return;
    }
    d.moveTo(UpgradeState.ROLLBACK_NEW_VERSION_STOPPING, false, why + ": stopping Milvus, restoring the old"
        + " metadata if it was changed, then starting " + d.status.getSourceImage(), true);
  }

  private static boolean succeeded(Step step) {
    Draft d = step.draft();
    if (step.milvus().holdsSomething()) {
      d.act(new UpgradeAction.ReleaseMilvus());
    }
    String backup = Draft.isTrue(d.status.getMetaBackedUp()) ? "; the backup of the old metadata stays on "
        + step.backupLocation() + " until you delete the PVC" : "";
    d.explain("Milvus " + step.milvus().displayName() + " runs " + step.spec().getTargetImage() + backup);
    return false;
  }

  private static boolean rolledBack(Step step) {
    Draft d = step.draft();
    if (step.milvus().holdsSomething()) {
      d.act(new UpgradeAction.ReleaseMilvus());
    }
    d.explain(d.status.getSourceImage() == null ? "Rolled back before Milvus " + step.milvus().displayName()
        + " was touched" : "Rolled back: Milvus " + step.milvus().displayName() + " runs " + d.status.getSourceImage());
    return false;
  }

  private static boolean rollbackFailed(Step step) {
    Draft d = step.draft();
    String restore = Draft.isTrue(d.status.getMetaBackedUp()) ? " The backup of the old metadata is on "
        + step.backupLocation() + ": restore it with the meta-migration tool (cmd.type: rollback, see ConfigMap "
        + TaskKind.RESTORE.configName(step.upgrade()) + "), then" : " Then";
    d.explain("The rollback failed: Milvus " + step.milvus().displayName() + " stays stopped (0 replicas)." + restore
        + " set spec.components.image to " + d.status.getSourceImage() + " and the replicas back to "
        + ReplicaRecords.describe(d.status.getReplicasBeforeUpgrade(), d.status.getDeploymentGroupReplicasBeforeUpgrade())
        + ", and remove the annotation " + MilvusEdits.STOPPED_AT);
    return false;
  }

  private static void conditions(Step step) {
    Draft d = step.draft();
    MilvusUpgradeStatus s = d.status;
    UpgradeState state = d.state();
    List<Condition> conditions = s.getConditions();
    if (Draft.isTrue(s.getIsRollbacking())) {
      conditions = UpgradeConditions.remove(conditions, UpgradeConditions.UPGRADED);
    }
    conditions = UpgradeConditions.set(conditions, resultType(s), state.isFinished(), state.reason(), d.message(),
        d.now, null);
    if (s.getReplicasBeforeUpgrade() != null) {
      boolean stopped = MILVUS_STOPPED.contains(state);
      String replicas = ReplicaRecords.describe(s.getReplicasBeforeUpgrade(), s.getDeploymentGroupReplicasBeforeUpgrade());
      conditions = UpgradeConditions.set(conditions, UpgradeConditions.MILVUS_STOPPED, stopped,
          stopped ? "StoppedByUpgrade" : "Started",
          stopped ? "Milvus " + step.milvus().displayName() + " is stopped by this upgrade (replicas before: " + replicas
              + "); it is started again when the upgrade succeeds or rolls back. Now: " + d.message()
              : "Milvus " + step.milvus().displayName() + " was started again (replicas: " + replicas + ")",
          d.now, null);
    }
    if (Draft.isTrue(s.getMetaBackedUp())) {
      conditions = UpgradeConditions.set(conditions, UpgradeConditions.META_BACKED_UP, true, "BackupDone",
          "The metadata of " + step.spec().getSourceVersion() + " is backed up on " + step.backupLocation()
              + "; the PVC is kept after this MilvusUpgrade is deleted", d.now, null);
    }
    s.setConditions(conditions);
  }

  private static String resultType(MilvusUpgradeStatus status) {
    return Draft.isTrue(status.getIsRollbacking()) ? UpgradeConditions.ROLLBACKED : UpgradeConditions.UPGRADED;
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
