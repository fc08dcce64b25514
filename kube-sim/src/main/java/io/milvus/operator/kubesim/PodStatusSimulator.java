package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pure: the status a kubelet would report for a pod whose containers behave as scripted, given when the pod
 * started and what time it is now. Times derive from the start time only, so repeated calls are stable and a
 * controller writes only on real changes.
 */
final class PodStatusSimulator {

  static final Duration IMAGE_PULL_BACKOFF_AFTER = Duration.ofMillis(200);

  /** @param nextChange when the status will change by itself next (null: not until something else changes) */
  record Result(PodStatus status, Instant nextChange) {
  }

  private record ContainerResult(ContainerStatus status, boolean pullFailing, Instant nextChange) {
  }

  private PodStatusSimulator() {
  }

  static Result simulate(Pod pod, Function<String, PodBehaviour> behaviours, Instant startedAt, Instant now,
                         String podIp, String hostIp) {
    boolean terminating = Owners.isTerminating(pod);
    List<ContainerStatus> statuses = new ArrayList<>();
    Instant next = null;
    boolean pullFailing = false;
    List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
    for (Container container : containers) {
      ContainerResult result = container(container, behaviours.apply(container.getImage()), startedAt, now, terminating);
      statuses.add(result.status());
      pullFailing |= result.pullFailing();
      next = earliest(next, result.nextChange());
    }
    List<ContainerStatus> initStatuses = new ArrayList<>();
    if (pod.getSpec().getInitContainers() != null) {
      for (Container init : pod.getSpec().getInitContainers()) {
        initStatuses.add(completedInit(init, startedAt));
      }
    }
    List<String> unready = statuses.stream().filter(s -> !s.getReady()).map(ContainerStatus::getName).toList();
    boolean ready = unready.isEmpty() && !terminating;
    PodStatus previous = pod.getStatus();
    String notReadyMessage = "containers with unready status: [" + String.join(" ", unready) + "]";
    List<PodCondition> conditions = List.of(
        condition(previous, "Initialized", true, null, null, startedAt),
        condition(previous, "Ready", ready, "ContainersNotReady", notReadyMessage, now),
        condition(previous, "ContainersReady", ready, "ContainersNotReady", notReadyMessage, now),
        condition(previous, "PodScheduled", true, null, null, startedAt));
    PodStatus status = new PodStatusBuilder()
        .withPhase(pullFailing ? "Pending" : "Running")
        .withConditions(conditions)
        .withHostIP(hostIp)
        .withHostIPs(new HostIP(hostIp))
        .withPodIP(podIp)
        .withPodIPs(new PodIP(podIp))
        .withStartTime(Timestamps.format(startedAt))
        .withQosClass(previous == null ? null : previous.getQosClass())
        .withContainerStatuses(statuses)
        .withInitContainerStatuses(initStatuses)
        .build();
    return new Result(status, terminating ? null : next);
  }

  /**
   * The status of a pod that cannot start at all: unschedulable (Pending, PodScheduled False) or waiting for a
   * volume (Pending, every container ContainerCreating).
   */
  static PodStatus blocked(Pod pod, KubeletPreflight.Result preflight, String hostIp, Instant now) {
    PodStatus previous = pod.getStatus();
    if (preflight.unschedulable() != null) {
      return new PodStatusBuilder().withPhase("Pending")
          .withConditions(condition(previous, "PodScheduled", false, "Unschedulable", preflight.unschedulable(), now))
          .build();
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
    for (Container container : containers) {
      statuses.add(new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
          .withImageID("").withRestartCount(0).withReady(false).withStarted(false)
          .withState(waiting("ContainerCreating", null)).build());
    }
    String names = String.join(" ", containers.stream().map(Container::getName).toList());
    String notReady = "containers with unready status: [" + names + "]";
    return new PodStatusBuilder().withPhase("Pending")
        .withConditions(
            condition(previous, "Initialized", true, null, null, now),
            condition(previous, "Ready", false, "ContainersNotReady", notReady, now),
            condition(previous, "ContainersReady", false, "ContainersNotReady", notReady, now),
            condition(previous, "PodScheduled", true, null, null, now))
        .withHostIP(hostIp).withHostIPs(new HostIP(hostIp))
        .withStartTime(previous != null && previous.getStartTime() != null ? previous.getStartTime()
            : Timestamps.format(now))
        .withContainerStatuses(statuses)
        .build();
  }

  /** The status with the containers that cannot start (a missing Secret or ConfigMap in env) waiting, unready. */
  static PodStatus withConfigErrors(PodStatus status, java.util.Map<String, String> configErrors) {
    if (configErrors.isEmpty()) {
      return status;
    }
    List<ContainerStatus> containers = new ArrayList<>();
    for (ContainerStatus container : status.getContainerStatuses()) {
      String error = configErrors.get(container.getName());
      containers.add(error == null ? container : new ContainerStatusBuilder(container)
          .withState(waiting("CreateContainerConfigError", error)).withLastState(null)
          .withReady(false).withStarted(false).withImageID("").build());
    }
    List<String> unready = containers.stream().filter(c -> !c.getReady()).map(ContainerStatus::getName).toList();
    String message = "containers with unready status: [" + String.join(" ", unready) + "]";
    List<PodCondition> conditions = new ArrayList<>();
    for (PodCondition condition : status.getConditions()) {
      boolean readiness = "Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType());
      conditions.add(!readiness ? condition : new PodConditionBuilder(condition).withStatus("False")
          .withReason("ContainersNotReady").withMessage(message).build());
    }
    boolean anyRunning = containers.stream().anyMatch(c -> c.getState() != null && c.getState().getRunning() != null);
    return new PodStatusBuilder(status).withPhase(anyRunning ? status.getPhase() : "Pending")
        .withContainerStatuses(containers).withConditions(conditions).build();
  }

  private static ContainerResult container(Container container, PodBehaviour behaviour, Instant startedAt,
                                           Instant now, boolean terminating) {
    Duration elapsed = Duration.between(startedAt, now);
    ContainerStatusBuilder status = new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID(container.getImage())
        .withRestartCount(0);
    boolean pullFailing = false;
    Instant next = null;
    if (behaviour instanceof PodBehaviour.ReadyAfter readyAfter) {
      boolean ready = elapsed.compareTo(readyAfter.delay()) >= 0;
      status.withState(running(startedAt)).withStarted(true).withReady(ready && !terminating);
      next = ready ? null : startedAt.plus(readyAfter.delay());
    } else if (behaviour instanceof PodBehaviour.NeverReady) {
      status.withState(running(startedAt)).withStarted(true).withReady(false);
    } else if (behaviour instanceof PodBehaviour.CrashLoop crashLoop) {
      long interval = crashLoop.restartInterval().toNanos();
      long restarts = 1 + elapsed.toNanos() / interval;
      Instant lastCrash = startedAt.plusNanos((restarts - 1) * interval);
      status.withState(waiting("CrashLoopBackOff", "back-off restarting failed container " + container.getName()))
          .withLastState(new ContainerStateBuilder().withNewTerminated()
              .withExitCode(1).withReason("Error")
              .withStartedAt(Timestamps.format(lastCrash)).withFinishedAt(Timestamps.format(lastCrash))
              .endTerminated().build())
          .withRestartCount((int) Math.min(Integer.MAX_VALUE, restarts))
          .withStarted(false).withReady(false);
      next = startedAt.plusNanos(restarts * interval);
    } else if (behaviour instanceof PodBehaviour.ImagePullFailure) {
      boolean backingOff = elapsed.compareTo(IMAGE_PULL_BACKOFF_AFTER) >= 0;
      status.withState(backingOff
              ? waiting("ImagePullBackOff", "Back-off pulling image \"" + container.getImage() + "\"")
              : waiting("ErrImagePull", "failed to pull image \"" + container.getImage() + "\": not found"))
          .withImageID("")
          .withStarted(false).withReady(false);
      pullFailing = true;
      next = backingOff ? null : startedAt.plus(IMAGE_PULL_BACKOFF_AFTER);
    }
    return new ContainerResult(status.build(), pullFailing, next);
  }

  private static ContainerStatus completedInit(Container init, Instant startedAt) {
    return new ContainerStatusBuilder()
        .withName(init.getName()).withImage(init.getImage()).withImageID(init.getImage())
        .withRestartCount(0).withReady(true).withStarted(false)
        .withState(new ContainerStateBuilder().withNewTerminated()
            .withExitCode(0).withReason("Completed")
            .withStartedAt(Timestamps.format(startedAt)).withFinishedAt(Timestamps.format(startedAt))
            .endTerminated().build())
        .build();
  }

  static ContainerState running(Instant startedAt) {
    return new ContainerStateBuilder().withNewRunning().withStartedAt(Timestamps.format(startedAt)).endRunning().build();
  }

  static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  /** A condition that keeps its previous lastTransitionTime while its status does not change. */
  static PodCondition condition(PodStatus previous, String type, boolean value, String falseReason,
                                String falseMessage, Instant transitionIfChanged) {
    String status = value ? "True" : "False";
    String transition = Timestamps.format(transitionIfChanged);
    if (previous != null && previous.getConditions() != null) {
      for (PodCondition old : previous.getConditions()) {
        if (type.equals(old.getType()) && status.equals(old.getStatus()) && old.getLastTransitionTime() != null) {
          transition = old.getLastTransitionTime();
        }
      }
    }
    return new PodConditionBuilder()
        .withType(type).withStatus(status)
        .withReason(value ? null : falseReason).withMessage(value ? null : falseMessage)
        .withLastTransitionTime(transition)
        .build();
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
