package io.milvus.operator.upgrade;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OldVersionStopping and RollbackNewVersionStopping: scale Milvus to 0, wait until its Deployments report no pod,
 * then wait until the etcd sessions of those pods have expired. Only the first stop records the replicas and image.
 */
final class StoppingStep {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private StoppingStep() {}

  static boolean run(Step step) {
    Draft d = step.draft();
    MilvusView m = step.milvus();
    boolean rollback = d.state() == UpgradeState.ROLLBACK_NEW_VERSION_STOPPING;
    if (!rollback && d.status.getReplicasBeforeUpgrade() == null) {
      record(step);
    }
    if (!m.scaledToZero()) {
      d.act(new UpgradeAction.StopMilvus(d.status.getReplicasBeforeUpgrade()));
      String text = "Stopping Milvus " + m.displayName() + (rollback ? " to roll back" : " for the metadata migration")
          + ": scaling every component to 0 (replicas before: " + recorded(step) + ")";
      d.announce(false, rollback ? "StoppingNewVersion" : "StoppingMilvus", text, true);
      d.explain(text);
      return false;
    }
    if (!m.stillRunning().isEmpty()) {
      d.explain("Waiting for the pods of Milvus " + m.displayName() + " to stop: " + String.join(", ", m.stillRunning()));
      return false;
    }
    Duration wait = step.settings().sessionExpiry();
    if (m.stoppedAt().isEmpty()) {
      d.act(new UpgradeAction.MarkStopped(d.now));
      d.explain("All pods of Milvus " + m.displayName() + " are gone; waiting " + Draft.text(wait)
          + " for their etcd sessions to expire");
      d.recheckAfter(wait);
      return false;
    }
    // an unreadable mark counts as long past, as upstream: it can only delay, never block, the upgrade
    Instant expiry = RecordedTime.orLongPast(m.stoppedAt().get()).plus(wait);
    if (d.now.isBefore(expiry)) {
      d.explain("All pods of Milvus " + m.displayName() + " are gone; waiting until " + expiry
          + " for their etcd sessions to expire");
      d.recheckAfter(Duration.between(d.now, expiry));
      return false;
    }
    if (rollback) {
      d.moveTo(UpgradeState.ROLLBACK_RESTORING_OLD_META, false, "Milvus " + m.displayName() + " is stopped", false);
    } else {
      d.moveTo(UpgradeState.BACKUP_META, false, "Milvus " + m.displayName() + " is stopped; backing up its metadata"
          + " to " + step.backupLocation(), true);
    }
    return true;
  }

  /** Recorded once, before anything is stopped, so that a restart can never record the stopped state instead. */
  private static void record(Step step) {
    Draft d = step.draft();
    MilvusView m = step.milvus();
    d.status.setReplicasBeforeUpgrade(JSON.clone(m.replicas()));
    Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
    m.groupReplicas().forEach((component, byGroup) -> groups.put(component, new LinkedHashMap<>(byGroup)));
    d.status.setDeploymentGroupReplicasBeforeUpgrade(groups.isEmpty() ? null : groups);
    d.status.setSourceImage(m.image());
  }

  private static String recorded(Step step) {
    return ReplicaRecords.describe(step.draft().status.getReplicasBeforeUpgrade(),
        step.draft().status.getDeploymentGroupReplicasBeforeUpgrade());
  }
}
