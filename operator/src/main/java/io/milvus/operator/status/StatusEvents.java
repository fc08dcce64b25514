package io.milvus.operator.status;

import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.v1beta1.UpgradeHop;
import io.milvus.operator.api.v1beta1.UpgradePathStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure: the Events a status change deserves. A Warning only for what needs a person (a dependency that became
 * unreachable, an external one that does not answer, a stalled rollout, Milvus unhealthy outside a rollout); planned
 * states (a dependency being created, a pod not ready yet while a rollout replaces it) are Normal or silent.
 */
public final class StatusEvents {

  /** One Event to record. */
  public record Announcement(boolean warning, String reason, String message) {}

  private static final List<String> DEPENDENCIES = List.of(Conditions.ETCD_READY, Conditions.STORAGE_READY,
      Conditions.MSG_STREAM_READY);

  private StatusEvents() {}

  /**
   * @param external the dependency condition types checked outside the cluster (a False one needs a person at once)
   */
  public static List<Announcement> between(MilvusStatus previous, MilvusStatus next, Set<String> external) {
    List<Announcement> changes = new ArrayList<>();
    boolean rolling = isRolling(next);
    if (!Objects.equals(previous.getStatus(), next.getStatus())) {
      MilvusCondition ready = Conditions.find(next.getConditions(), Conditions.MILVUS_READY).orElseThrow();
      if (MilvusPhase.HEALTHY.is(next.getStatus())) {
        changes.add(new Announcement(false, "Healthy", "Milvus is healthy; clients connect to " + next.getEndpoint()));
      } else if (MilvusPhase.UNHEALTHY.is(next.getStatus())) {
        changes.add(new Announcement(!rolling, "Unhealthy", ready.getMessage()));
      }
    }
    for (String type : DEPENDENCIES) {
      changed(previous, next, type).ifPresent(now -> {
        boolean ready = Conditions.TRUE.equals(now.getStatus());
        boolean wasReady = Conditions.isTrue(previous.getConditions(), type);
        changes.add(new Announcement(!ready && (wasReady || external.contains(type)), now.getReason(),
            now.getMessage()));
      });
    }
    changed(previous, next, Conditions.MILVUS_UPDATED).ifPresent(now -> {
      if (Conditions.TRUE.equals(now.getStatus())) {
        changes.add(new Announcement(false, now.getReason(), now.getMessage()));
      } else if (!Conditions.REASON_COMPONENTS_UPDATING.equals(now.getReason())) {
        changes.add(new Announcement(Conditions.REASON_ROLLOUT_STALLED.equals(now.getReason()), now.getReason(),
            now.getMessage()));
      }
    });
    List<Announcement> events = new ArrayList<>(together(changes));
    if (previous.getCurrentImage() != null && !Objects.equals(previous.getCurrentImage(), next.getCurrentImage())) {
      events.add(new Announcement(false, "ImageUpdated", "Milvus now runs " + next.getCurrentImage()));
    }
    walk(previous.getUpgradePath(), next).ifPresent(events::add);
    return events;
  }

  /**
   * The condition and phase changes of one status write, told in one Normal Event: under the reason of the first
   * (the new phase, else the first dependency that changed), its message followed by each other change's reason and
   * message. A Warning stays an Event of its own: it needs a person, and alerts select on its reason. (Milestones of
   * an image change, ImageUpdated and the walk's, stay separate too: each is a step of the upgrade's story.)
   */
  static List<Announcement> together(List<Announcement> changes) {
    List<Announcement> normal = changes.stream().filter(c -> !c.warning()).toList();
    List<Announcement> events = new ArrayList<>(changes.stream().filter(Announcement::warning).toList());
    if (normal.size() == 1) {
      events.add(0, normal.get(0));
    } else if (normal.size() > 1) {
      Announcement first = normal.get(0);
      String others = normal.subList(1, normal.size()).stream().map(c -> c.reason() + ": " + c.message())
          .collect(Collectors.joining("; "));
      events.add(0, new Announcement(false, first.reason(), first.message() + "; " + others));
    }
    return events;
  }

  /** One Event when a walk over several versions is planned, one per hop it starts, one when it arrives. */
  private static Optional<Announcement> walk(UpgradePathStatus before, MilvusStatus next) {
    UpgradePathStatus after = next.getUpgradePath();
    if (after == null) {
      if (before == null) {
        return Optional.empty();
      }
      boolean arrived = MilvusVersion.fromImage(next.getCurrentImage()).map(Object::toString)
          .filter(before.getTarget()::equals).isPresent();
      return Optional.of(arrived
          ? new Announcement(false, "UpgradePathCompleted", "Walked to " + before.getTarget() + ": Milvus runs "
              + next.getCurrentImage())
          : new Announcement(false, "UpgradePathEnded", "No longer walking to " + before.getTarget()
              + ": the requested image is one Milvus can move to directly; Milvus runs " + next.getCurrentImage()));
    }
    List<UpgradeHop> hops = after.getHops() == null ? List.of() : after.getHops();
    int number = 1 + (int) hops.stream().filter(h -> UpgradeHop.DONE.equals(h.getState())).count();
    String hop = "hop " + number + " of " + hops.size() + ": " + after.getHop() + hops.stream()
        .filter(h -> UpgradeHop.IN_PROGRESS.equals(h.getState())).findFirst().map(h -> " (" + h.getImage() + ")")
        .orElse("");
    String path = hops.stream().filter(h -> !UpgradeHop.DONE.equals(h.getState())).map(StatusEvents::describe)
        .collect(Collectors.joining(" > "));
    if (before == null) {
      return Optional.of(new Announcement(false, "UpgradePathPlanned", "Walking to " + after.getTarget() + " over "
          + path + "; starting " + hop));
    }
    if (!Objects.equals(before.getTarget(), after.getTarget())) {
      boolean undoing = MilvusVersion.fromImage(next.getCurrentImage()).map(Object::toString)
          .filter(after.getHop()::equals).isPresent() && !Objects.equals(before.getHop(), after.getHop());
      return Optional.of(new Announcement(false, "UpgradePathReplanned", "The target changed from "
          + before.getTarget() + " to " + after.getTarget() + " during " + before.getHop() + ": from Milvus's last"
          + " healthy version " + next.getCurrentImage() + ", walking over " + path + "; "
          + (undoing ? "the components the hop to " + before.getHop() + " moved go back first, "
              : Objects.equals(before.getHop(), after.getHop()) ? "continuing " : "starting ") + hop));
    }
    if (!Objects.equals(before.getHop(), after.getHop())) {
      return Optional.of(new Announcement(false, "UpgradeHop", "Starting " + hop));
    }
    return Optional.empty();
  }

  private static String describe(UpgradeHop hop) {
    return hop.getVersion() + ("rolling".equals(hop.getStep()) ? "" : " " + hop.getStep());
  }

  /** A rollout the user asked for is replacing pods: unready pods are part of the plan. */
  private static boolean isRolling(MilvusStatus status) {
    return Conditions.find(status.getConditions(), Conditions.MILVUS_UPDATED)
        .map(c -> Conditions.FALSE.equals(c.getStatus())
            && !Conditions.REASON_ROLLOUT_STALLED.equals(c.getReason())
            && !Conditions.REASON_UPGRADE_REFUSED.equals(c.getReason()))
        .orElse(false);
  }

  private static Optional<MilvusCondition> changed(MilvusStatus previous, MilvusStatus next, String type) {
    Optional<MilvusCondition> now = Conditions.find(next.getConditions(), type);
    boolean changed = now.isPresent() && Conditions.find(previous.getConditions(), type)
        .map(c -> !Objects.equals(c.getStatus(), now.get().getStatus())
            || !Objects.equals(c.getReason(), now.get().getReason()))
        .orElse(true);
    return changed ? now : Optional.empty();
  }
}
