package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Read-only questions about pods that several controllers ask. */
final class Pods {

  private Pods() {
  }

  /** Counts toward a controller's replicas: not being deleted and not finished. */
  static boolean isActive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !Owners.isTerminating(pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  static boolean isReady(Pod pod) {
    PodCondition ready = readyCondition(pod);
    return ready != null && "True".equals(ready.getStatus());
  }

  static boolean isRunningAndReady(Pod pod) {
    return isActive(pod) && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && isReady(pod);
  }

  /** Ready for at least minReadySeconds (Kubernetes' "available"). */
  static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isActive(pod) || !isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    Instant since = readySince(pod);
    return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
  }

  /** When a ready pod that is not yet available becomes available, or null. */
  static Instant availableAt(Pod pod, int minReadySeconds) {
    Instant since = readySince(pod);
    return since == null ? null : since.plusSeconds(minReadySeconds);
  }

  static Instant readySince(Pod pod) {
    PodCondition ready = readyCondition(pod);
    return ready == null ? null : Timestamps.parseOrNull(ready.getLastTransitionTime());
  }

  private static PodCondition readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }

  static int restarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
  }

  /**
   * The order in which a ReplicaSet deletes surplus pods, best candidates first: unscheduled, then not running,
   * then not ready, then more restarts, then newest (as Kubernetes' ActivePods ordering).
   */
  static final Comparator<Pod> DELETION_ORDER = Comparator
      .comparing((Pod p) -> p.getSpec() != null && p.getSpec().getNodeName() != null)
      .thenComparing(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
      .thenComparing(Pods::isReady)
      .thenComparing(Pods::restarts, Comparator.reverseOrder())
      .thenComparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()), Comparator.reverseOrder());

  static List<Pod> deletionCandidates(List<Pod> pods) {
    return pods.stream().sorted(DELETION_ORDER).toList();
  }

  static String firstImage(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()
        ? null : pod.getSpec().getContainers().get(0).getImage();
  }
}
