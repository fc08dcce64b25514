package io.milvus.operator.kubesim;

import java.time.Duration;
import java.util.Objects;

/** What a Job's pod does, chosen by its first container's image through {@link BehaviourScripts}. */
public sealed interface JobBehaviour {

  record SucceedAfter(Duration delay) implements JobBehaviour {
    public SucceedAfter {
      Objects.requireNonNull(delay, "delay");
    }
  }

  record FailAfter(Duration delay) implements JobBehaviour {
    public FailAfter {
      Objects.requireNonNull(delay, "delay");
    }
  }

  record Run(JobRunner runner) implements JobBehaviour {
    public Run {
      Objects.requireNonNull(runner, "runner");
    }
  }

  static JobBehaviour succeedAfter(Duration delay) {
    return new SucceedAfter(delay);
  }

  static JobBehaviour failAfter(Duration delay) {
    return new FailAfter(delay);
  }

  static JobBehaviour run(JobRunner runner) {
    return new Run(runner);
  }
}
