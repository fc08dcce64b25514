package io.milvus.operator.kubesim;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated kubelet runs a container, chosen by the container's image through {@link BehaviourScripts}.
 * Each variant describes the container's state as a function of the time since the pod started.
 */
public sealed interface PodBehaviour {

  /** Running at once, ready after {@code delay}. */
  record ReadyAfter(Duration delay) implements PodBehaviour {
    public ReadyAfter {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** Running and started, but the readiness probe never passes. */
  record NeverReady() implements PodBehaviour {
  }

  /** The container exits with an error every {@code restartInterval}: waiting in CrashLoopBackOff, restartCount grows. */
  record CrashLoop(Duration restartInterval) implements PodBehaviour {
    public CrashLoop {
      if (restartInterval == null || restartInterval.isZero() || restartInterval.isNegative()) {
        throw new IllegalArgumentException("restartInterval must be positive");
      }
    }
  }

  /** The image cannot be pulled: Pending, waiting ErrImagePull then ImagePullBackOff. */
  record ImagePullFailure() implements PodBehaviour {
  }

  static PodBehaviour readyAfter(Duration delay) {
    return new ReadyAfter(delay);
  }

  static PodBehaviour neverReady() {
    return new NeverReady();
  }

  /** Restarts every 300 ms, quick enough for tests to see the count grow. */
  static PodBehaviour crashLoop() {
    return new CrashLoop(Duration.ofMillis(300));
  }

  static PodBehaviour crashLoop(Duration restartInterval) {
    return new CrashLoop(restartInterval);
  }

  static PodBehaviour imagePullFailure() {
    return new ImagePullFailure();
  }
}
