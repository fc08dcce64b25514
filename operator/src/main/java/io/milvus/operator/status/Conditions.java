package io.milvus.operator.status;

import io.milvus.operator.api.v1beta1.MilvusCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Milvus condition types and reasons, spelled as upstream's so dashboards and scripts keep working. */
public final class Conditions {

  public static final String ETCD_READY = "EtcdReady";
  public static final String STORAGE_READY = "StorageReady";
  public static final String MSG_STREAM_READY = "MsgStreamReady";
  public static final String MILVUS_READY = "MilvusReady";
  public static final String MILVUS_UPDATED = "MilvusUpdated";
  /** Ours: whether the spec passed validation; a False one explains why nothing was changed. */
  public static final String SPEC_VALID = "SpecValid";
  /**
   * Ours: present (False) only while reconciling keeps failing, e.g. the API server refusing a write; gone once a
   * reconcile succeeds.
   */
  public static final String RECONCILED = "Reconciled";

  public static final String REASON_ETCD_READY = "EtcdReady";
  public static final String REASON_ETCD_NOT_READY = "EtcdNotReady";
  public static final String REASON_STORAGE_READY = "StorageReady";
  public static final String REASON_STORAGE_NOT_READY = "StorageNotReady";
  public static final String REASON_MSG_STREAM_READY = "MsgStreamReady";
  public static final String REASON_MSG_STREAM_NOT_READY = "MsgStreamNotReady";
  public static final String REASON_MILVUS_HEALTHY = "ReasonMilvusHealthy";
  public static final String REASON_COMPONENT_NOT_HEALTHY = "MilvusComponentNotHealthy";
  public static final String REASON_MILVUS_STOPPED = "MilvusStopped";
  public static final String REASON_COMPONENTS_UPDATED = "MilvusComponentsUpdated";
  public static final String REASON_COMPONENTS_UPDATING = "MilvusComponentsUpdating";
  public static final String REASON_UPGRADING_IMAGE = "MilvusUpgradingImage";
  public static final String REASON_DOWNGRADING_IMAGE = "MilvusDowngradingImage";
  /** Ours: the component being replaced made no progress within its deadline; the rollout waits there. */
  public static final String REASON_ROLLOUT_STALLED = "RolloutStalled";
  public static final String REASON_SPEC_VALID = "Valid";
  /** Ours: the image change is a version jump Milvus does not support; nothing was changed. */
  public static final String REASON_UPGRADE_REFUSED = "UpgradeRefused";
  public static final String REASON_SPEC_INVALID = "InvalidSpec";
  /** Ours: an annotation of the operator's has a value it does not take; nothing was changed. */
  public static final String REASON_ANNOTATION_INVALID = "InvalidAnnotation";
  public static final String REASON_API_ERROR = "ApiError";
  public static final String REASON_RECONCILE_FAILED = "ReconcileFailed";
  /** Ours: the annotation milvus.io/pause-reconcile stops the operator from changing anything. */
  public static final String REASON_RECONCILE_PAUSED = "ReconcilePaused";

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  public static MilvusCondition of(String type, boolean status, String reason, String message) {
    MilvusCondition c = new MilvusCondition();
    c.setType(type);
    c.setStatus(status ? TRUE : FALSE);
    c.setReason(reason);
    c.setMessage(message);
    return c;
  }

  public static Optional<MilvusCondition> find(List<MilvusCondition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<MilvusCondition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /**
   * {@code next} with lastTransitionTime carried over from {@code previous} when the status did not change, so an
   * unchanged world yields an identical status (and no write).
   */
  public static List<MilvusCondition> merge(List<MilvusCondition> previous, List<MilvusCondition> next, Instant now) {
    List<MilvusCondition> merged = new ArrayList<>();
    for (MilvusCondition c : next) {
      Optional<MilvusCondition> old = find(previous, c.getType());
      boolean unchanged = old.isPresent() && Objects.equals(old.get().getStatus(), c.getStatus());
      c.setLastTransitionTime(unchanged && old.get().getLastTransitionTime() != null
          ? old.get().getLastTransitionTime() : now.toString());
      merged.add(c);
    }
    return merged;
  }
}
