package io.milvus.operator.upgrade;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The condition types of a MilvusUpgrade, and a helper to set one in a list without losing its transition time. */
public final class UpgradeConditions {

  /** Upstream's result condition while upgrading: True once Succeeded; the reason is the state. */
  public static final String UPGRADED = "Upgraded";
  /** Upstream's result condition once rolling back: True once RollbackedSucceeded; the reason is the state. */
  public static final String ROLLBACKED = "Rollbacked";
  /** Upstream's: False with reason GetMilvusFailed while the Milvus cannot be read. */
  public static final String CHECKING = "CheckingUpgrationState";
  public static final String REASON_GET_MILVUS_FAILED = "GetMilvusFailed";
  /** Ours: whether the upgrade was accepted; False says why nothing was touched (and what to change). */
  public static final String ACCEPTED = "Accepted";
  public static final String REASON_ACCEPTED = "Accepted";
  /** Ours: True while this upgrade keeps the Milvus stopped, with what to do when it stays so. */
  public static final String MILVUS_STOPPED = "MilvusStopped";
  /** Ours: where the backup of the old metadata is. */
  public static final String META_BACKED_UP = "MetaBackuped";

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private UpgradeConditions() {}

  /**
   * {@code conditions} with the one of {@code type} replaced; its lastTransitionTime moves only when its status
   * changes, so an unchanged world gives an unchanged status (and no write).
   */
  public static List<Condition> set(List<Condition> conditions, String type, boolean status, String reason,
      String message, Instant now, Long generation) {
    List<Condition> next = new ArrayList<>(conditions == null ? List.of() : conditions);
    Optional<Condition> old = find(next, type);
    String statusText = status ? TRUE : FALSE;
    String since = old.filter(c -> statusText.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime).orElse(now.toString());
    Condition condition = new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason)
        .withMessage(message).withLastTransitionTime(since).withObservedGeneration(generation).build();
    int index = old.map(next::indexOf).orElse(-1);
    if (index >= 0) {
      next.set(index, condition);
    } else {
      next.add(condition);
    }
    return next;
  }

  public static List<Condition> remove(List<Condition> conditions, String type) {
    List<Condition> next = new ArrayList<>(conditions == null ? List.of() : conditions);
    next.removeIf(c -> type.equals(c.getType()));
    return next;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
  }
}
