package io.milvus.operator.status;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's {@code milvus.io/pause-reconcile: "true"}: the operator leaves the Milvus and its objects as they are, and
 * only its status says so (condition Reconciled False, reason {@value Conditions#REASON_RECONCILE_PAUSED}).
 */
public final class ReconcilePause {

  public static final String MESSAGE = "Reconciliation is paused by the annotation " + MilvusAnnotations.PAUSE_RECONCILE
      + ": \"true\"; nothing is changed until it is removed";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private ReconcilePause() {}

  /** Exactly "true", as upstream reads it. */
  public static boolean requested(Milvus milvus) {
    var annotations = milvus.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(MilvusAnnotations.PAUSE_RECONCILE));
  }

  /** The previous status with the pause told; everything else as it was last observed. */
  public static MilvusStatus status(MilvusStatus previous, Instant now) {
    MilvusStatus before = previous == null ? new MilvusStatus() : previous;
    MilvusStatus status = JSON.clone(before);
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(before.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.RECONCILED.equals(c.getType()));
    conditions.add(Conditions.of(Conditions.RECONCILED, false, Conditions.REASON_RECONCILE_PAUSED, MESSAGE));
    status.setConditions(Conditions.merge(before.getConditions(), conditions, now));
    return status;
  }

  /** Whether the status already tells the pause, so the Event and log line are not repeated. */
  public static boolean told(MilvusStatus status) {
    return status != null && Conditions.find(status.getConditions(), Conditions.RECONCILED)
        .map(c -> Conditions.REASON_RECONCILE_PAUSED.equals(c.getReason())).orElse(false);
  }
}
