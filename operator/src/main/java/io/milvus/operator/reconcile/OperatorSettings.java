package io.milvus.operator.reconcile;

import io.milvus.operator.api.OperatorDefaults;
import java.time.Clock;
import java.time.Duration;

/**
 * What the reconcilers take from the operator's command line.
 *
 * @param externalRecheck how often an external dependency that was not reachable is checked again (nothing to watch)
 */
public record OperatorSettings(OperatorDefaults defaults, DependencyProbe probe, Duration externalRecheck, Clock clock) {

  public static OperatorSettings standard() {
    return new OperatorSettings(OperatorDefaults.standard(), DependencyProbe.tcp(Duration.ofSeconds(2)),
        Duration.ofSeconds(15), Clock.systemUTC());
  }
}
