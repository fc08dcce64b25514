package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Says in one phrase why a pod is not ready, the way a person would read it from {@code kubectl describe pod}. */
public final class PodDiagnosis {

  private PodDiagnosis() {}

  public static boolean isReady(Pod pod) {
    return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The first not-ready pod among those carrying {@code labels}, explained; empty when all are ready. */
  public static Optional<String> firstUnready(List<Pod> pods, Map<String, String> labels) {
    return pods.stream()
        .filter(p -> p.getMetadata().getLabels() != null
            && p.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> !isReady(p))
        .min(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(p -> "pod " + p.getMetadata().getName() + " " + explain(p));
  }

  /** Why the pod is not ready (or what it is doing), in one phrase. */
  public static String explain(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of() : pod.getStatus().getContainerStatuses();
    for (ContainerStatus cs : statuses) {
      if (cs.getState() != null && cs.getState().getWaiting() != null && cs.getState().getWaiting().getReason() != null) {
        String restarts = cs.getRestartCount() != null && cs.getRestartCount() > 0
            ? " (restarted " + cs.getRestartCount() + " times)" : "";
        return "container " + cs.getName() + " is waiting: " + cs.getState().getWaiting().getReason() + restarts;
      }
      if (cs.getState() != null && cs.getState().getTerminated() != null) {
        return "container " + cs.getName() + " terminated: " + cs.getState().getTerminated().getReason();
      }
    }
    Optional<PodCondition> scheduled = condition(pod, "PodScheduled");
    if (scheduled.isPresent() && !"True".equals(scheduled.get().getStatus())) {
      return "is not scheduled: " + scheduled.get().getMessage();
    }
    if (!statuses.isEmpty()) {
      return "is running but not ready (its readiness probe fails)";
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "is " + (phase == null ? "Pending" : phase);
  }

  private static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
