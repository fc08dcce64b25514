package io.milvus.operator.kubesim;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: how many replicas each ReplicaSet of a Deployment should have now, following the Deployment controller's
 * rules. Pods beyond an RS's spec are about to be deleted, so they never count as available.
 */
final class ReplicaSetScaler {

  /**
   * A ReplicaSet as the planner sees it.
   *
   * @param revision larger is newer; old sets are scaled down oldest first
   */
  record ReplicaSetState(String name, long revision, int specReplicas, int activePods, int availablePods) {
    int availableWithinSpec(int spec) {
      return Math.min(availablePods, spec);
    }
  }

  /** maxSurge and maxUnavailable resolved against the desired replicas. */
  record RollingLimits(int maxSurge, int maxUnavailable) {
  }

  private ReplicaSetScaler() {
  }

  /** Kubernetes rounding: surge rounds up, unavailable down, both 0 makes unavailable 1, capped at desired. */
  static RollingLimits limits(io.fabric8.kubernetes.api.model.IntOrString maxSurge,
                              io.fabric8.kubernetes.api.model.IntOrString maxUnavailable, int desired) {
    int surge = Math.max(0, IntOrPercent.resolve(maxSurge, "25%", desired, true));
    int unavailable = Math.max(0, IntOrPercent.resolve(maxUnavailable, "25%", desired, false));
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new RollingLimits(surge, Math.min(unavailable, desired));
  }

  /** Target spec.replicas by ReplicaSet name, for every set given (changed or not). */
  static Map<String, Integer> rollingUpdate(int desired, RollingLimits limits, ReplicaSetState newRs,
                                            List<ReplicaSetState> oldRss) {
    Map<String, Integer> spec = initialSpecs(newRs, oldRss);
    int newSpec = newRs.specReplicas();
    if (newSpec > desired) {
      newSpec = desired;
    } else if (newSpec < desired) {
      int total = sum(spec);
      int maxTotal = desired + limits.maxSurge();
      if (total < maxTotal) {
        newSpec += Math.min(maxTotal - total, desired - newSpec);
      }
    }
    spec.put(newRs.name(), newSpec);

    List<ReplicaSetState> oldestFirst = oldRss.stream().sorted(Comparator.comparingLong(ReplicaSetState::revision)).toList();
    if (oldestFirst.stream().mapToInt(rs -> spec.get(rs.name())).sum() == 0) {
      return spec;
    }
    int minAvailable = desired - limits.maxUnavailable();
    int newAvailable = newRs.availableWithinSpec(newSpec);
    int maxScaledDown = sum(spec) - minAvailable - (newSpec - newAvailable);
    if (maxScaledDown <= 0) {
      return spec;
    }
    // first drop old replicas that are not available anyway: that costs no availability
    int cleaned = 0;
    for (ReplicaSetState rs : oldestFirst) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int current = spec.get(rs.name());
      int unhealthy = current - rs.availableWithinSpec(current);
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      if (down > 0) {
        spec.put(rs.name(), current - down);
        cleaned += down;
      }
    }
    // then available old replicas, as far as availability allows
    int available = newAvailable + oldestFirst.stream().mapToInt(rs -> rs.availableWithinSpec(spec.get(rs.name()))).sum();
    int toScaleDown = available - minAvailable;
    for (ReplicaSetState rs : oldestFirst) {
      if (toScaleDown <= 0) {
        break;
      }
      int current = spec.get(rs.name());
      int down = Math.min(current, toScaleDown);
      spec.put(rs.name(), current - down);
      toScaleDown -= down;
    }
    return spec;
  }

  /** Recreate: every old pod is gone before the new set gets any replica. */
  static Map<String, Integer> recreate(int desired, ReplicaSetState newRs, List<ReplicaSetState> oldRss) {
    Map<String, Integer> spec = initialSpecs(newRs, oldRss);
    boolean oldScaled = oldRss.stream().anyMatch(rs -> rs.specReplicas() > 0);
    boolean oldPodsLeft = oldRss.stream().anyMatch(rs -> rs.activePods() > 0);
    oldRss.forEach(rs -> spec.put(rs.name(), 0));
    if (!oldScaled && !oldPodsLeft) {
      spec.put(newRs.name(), desired);
    } else if (newRs.specReplicas() > desired) {
      spec.put(newRs.name(), desired);
    }
    return spec;
  }

  private static Map<String, Integer> initialSpecs(ReplicaSetState newRs, List<ReplicaSetState> oldRss) {
    Map<String, Integer> spec = new LinkedHashMap<>();
    spec.put(newRs.name(), newRs.specReplicas());
    oldRss.forEach(rs -> spec.put(rs.name(), rs.specReplicas()));
    return spec;
  }

  private static int sum(Map<String, Integer> spec) {
    return spec.values().stream().mapToInt(Integer::intValue).sum();
  }
}
