package io.milvus.operator.status;

import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.v1beta1.UpgradeHop;
import io.milvus.operator.api.v1beta1.UpgradePathStatus;
import io.milvus.operator.rollout.Hop;
import io.milvus.operator.rollout.UpgradeWalk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure: what a status says about a walk over several versions. {@code status.upgradePath} lists the hops (done, in
 * progress, planned) and why the hop in progress waits; MilvusUpdated stays False until the last hop has settled, so
 * {@code kubectl get milvus} shows UPDATED False for the whole walk, not True between two hops.
 */
public final class WalkStatus {

  private WalkStatus() {}

  /**
   * @param status the status computed for this reconcile's hop; changed in place
   * @param previous the status before this reconcile
   * @return whether this hop has settled and another one follows: nothing but a new reconcile starts it (a status
   *     write alone does not reconcile), so the caller asks for one at once
   */
  public static boolean apply(MilvusStatus status, MilvusStatus previous, UpgradeWalk walk, Instant now) {
    List<Hop> hops = walk.plan().hops();
    String target = walk.target().map(Object::toString).orElse(null);
    // a plain image change is no walk: only a path of several hops is listed, until its end, also when the target
    // changed on the way (what remains may then be one hop, or the way back from the hop in progress)
    boolean walking = previous.getUpgradePath() != null;
    if (hops.isEmpty() || target == null || (hops.size() == 1 && !walking)) {
      status.setUpgradePath(null);
      return false;
    }
    boolean settled = Conditions.isTrue(status.getConditions(), Conditions.MILVUS_READY)
        && Conditions.isTrue(status.getConditions(), Conditions.MILVUS_UPDATED)
        && Objects.equals(status.getCurrentImage(), walk.effectiveImage());
    int current = settled ? 1 : 0;
    if (current >= hops.size()) {
      status.setUpgradePath(null); // the last hop settled: Milvus runs what was asked
      return false;
    }
    List<UpgradeHop> listed = new ArrayList<>(done(previous, target, hops));
    for (int i = 0; i < hops.size(); i++) {
      Hop hop = hops.get(i);
      String state = i < current ? UpgradeHop.DONE : i == current ? UpgradeHop.IN_PROGRESS : UpgradeHop.PLANNED;
      listed.add(new UpgradeHop(hop.version().toString(), walk.images().get(i), hop.step().wire(), state));
    }
    UpgradePathStatus path = new UpgradePathStatus();
    path.setTarget(target);
    path.setHop(hops.get(current).toString());
    path.setHops(listed);
    path.setWaiting(settled ? "Healthy on " + walk.effectiveImage() + ": the next hop starts"
        : waiting(status, walk));
    status.setUpgradePath(path);

    int number = (int) listed.stream().filter(h -> !UpgradeHop.PLANNED.equals(h.getState())).count();
    String reason = walk.plan().downgrade() ? Conditions.REASON_DOWNGRADING_IMAGE : Conditions.REASON_UPGRADING_IMAGE;
    boolean lastHopInProgress = current == hops.size() - 1;
    Optional<MilvusCondition> updated = Conditions.find(status.getConditions(), Conditions.MILVUS_UPDATED);
    if (lastHopInProgress && updated.isPresent() && !Conditions.TRUE.equals(updated.get().getStatus())) {
      return settled; // the last hop's own rollout explains itself
    }
    String message = "Walking to " + target + ": hop " + number + " of " + listed.size() + " (" + path.getHop()
        + "): " + path.getWaiting();
    List<MilvusCondition> next = new ArrayList<>(status.getConditions());
    next.removeIf(c -> Conditions.MILVUS_UPDATED.equals(c.getType()));
    next.add(Conditions.of(Conditions.MILVUS_UPDATED, false,
        updated.filter(c -> Conditions.REASON_ROLLOUT_STALLED.equals(c.getReason())).isPresent()
            ? Conditions.REASON_ROLLOUT_STALLED : reason, message));
    status.setConditions(Conditions.merge(previous.getConditions(), next, now));
    return settled;
  }

  /**
   * Hops a previous status listed before those still planned now: done, since Milvus has moved past them. They stay
   * listed when the target changes on the way: the walk's history does not change with its destination.
   */
  private static List<UpgradeHop> done(MilvusStatus previous, String target, List<Hop> planned) {
    UpgradePathStatus before = previous.getUpgradePath();
    if (before == null || before.getHops() == null) {
      return List.of();
    }
    List<UpgradeHop> done = new ArrayList<>();
    for (UpgradeHop hop : before.getHops()) {
      if (planned.stream().anyMatch(h -> sameHop(hop, h)) || UpgradeHop.PLANNED.equals(hop.getState())) {
        break;
      }
      done.add(new UpgradeHop(hop.getVersion(), hop.getImage(), hop.getStep(), UpgradeHop.DONE));
    }
    return done;
  }

  private static boolean sameHop(UpgradeHop listed, Hop hop) {
    return hop.version().toString().equals(listed.getVersion()) && hop.step().wire().equals(listed.getStep());
  }

  /** The first thing the hop waits for: a dependency, the rollout (which names the pod and why), or readiness. */
  private static String waiting(MilvusStatus status, UpgradeWalk walk) {
    for (String type : List.of(Conditions.ETCD_READY, Conditions.STORAGE_READY, Conditions.MSG_STREAM_READY,
        Conditions.MILVUS_UPDATED, Conditions.MILVUS_READY)) {
      Optional<MilvusCondition> c = Conditions.find(status.getConditions(), type);
      if (c.isPresent() && !Conditions.TRUE.equals(c.get().getStatus())) {
        return c.get().getMessage();
      }
    }
    return "waiting for Milvus to be ready and updated on " + walk.effectiveImage();
  }
}
