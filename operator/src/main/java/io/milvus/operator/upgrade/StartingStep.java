package io.milvus.operator.upgrade;

import java.time.Duration;
import java.time.Instant;

/**
 * NewVersionStarting and RollbackOldVersionStarting: restore the replicas on the target (or the old) image, then wait
 * until Milvus reports itself healthy on that image. Upstream declares success before any pod is up; here success
 * means Milvus serves clients again.
 */
final class StartingStep {

  private StartingStep() {}

  static boolean run(Step step) {
    Draft d = step.draft();
    MilvusView m = step.milvus();
    boolean upgrade = d.state() == UpgradeState.NEW_VERSION_STARTING;
    String image = upgrade ? step.spec().getTargetImage() : d.status.getSourceImage();
    String version = upgrade ? step.spec().getTargetVersion() : step.spec().getSourceVersion();
    var replicas = d.status.getReplicasBeforeUpgrade();
    var groups = d.status.getDeploymentGroupReplicasBeforeUpgrade();
    if (!image.equals(m.image()) || m.stoppedAt().isPresent()) {
      d.act(new UpgradeAction.StartMilvus(image, version, replicas, groups, upgrade));
      String text = "Starting Milvus " + m.displayName() + " on " + image + " with replicas "
          + ReplicaRecords.describe(replicas, groups);
      d.announce(false, upgrade ? "StartingNewVersion" : "StartingOldVersion", text, true);
      d.explain(text);
      return false;
    }
    if (ReplicaRecords.allZero(replicas, groups)) {
      return finish(step, upgrade, "Milvus " + m.displayName() + " had no replicas before the upgrade: it stays"
          + " stopped, now on " + image);
    }
    if (m.health().runs(image)) {
      return finish(step, upgrade, "Milvus " + m.displayName() + " is healthy on " + image);
    }
    Instant deadline = d.stateSince().plus(step.settings().healthyDeadline());
    String state = "Milvus " + m.displayName() + " is " + describe(m.health());
    if (upgrade && UpgradeMachine.walkedPastFirstHop(step)) {
      // a later hop that fails cannot be undone by the 2.1 backup: the walk stops where it is and says so
      d.explain("Walking to " + image + " past the first version started after the migration: " + state
          + ". The 2.1 backup can no longer be restored; if a hop stalls, fix its cause (kubectl describe milvus "
          + m.name() + ") and the walk resumes");
      if (!d.now.isBefore(deadline)) {
        UpgradeMachine.warnOnce(step, "WalkStalled", d.message());
      } else {
        d.recheckAfter(Duration.between(d.now, deadline));
      }
      return false;
    }
    if (d.now.isBefore(deadline)) {
      d.explain("Waiting for Milvus to be healthy on " + image + " (until " + deadline + "): " + state);
      d.recheckAfter(Duration.between(d.now, deadline));
      return false;
    }
    String late = "Milvus did not become healthy on " + image + " within "
        + Draft.text(step.settings().healthyDeadline()) + ": " + state;
    if (upgrade) {
      return UpgradeMachine.fail(step, late, false);
    }
    d.explain(late + ". The old metadata and image are restored: see kubectl describe milvus " + m.name()
        + "; this upgrade completes once Milvus is healthy");
    UpgradeMachine.warnOnce(step, "RollbackNotHealthy", d.message());
    return false;
  }

  private static boolean finish(Step step, boolean upgrade, String message) {
    Draft d = step.draft();
    d.moveTo(upgrade ? UpgradeState.SUCCEEDED : UpgradeState.ROLLBACK_SUCCEEDED, false, message, true);
    return true;
  }

  private static String describe(MilvusHealth health) {
    String status = health.status() == null ? "not reported yet" : health.status();
    return status + (health.currentImage() == null ? "" : ", running " + health.currentImage())
        + (health.summary() == null || health.summary().isBlank() ? "" : " (" + health.summary() + ")");
  }
}
