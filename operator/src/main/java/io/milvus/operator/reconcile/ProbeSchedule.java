package io.milvus.operator.reconcile;

import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.time.Instant;

/**
 * When an external dependency is checked again: soon while it does not answer (the user is waiting for it), seldom
 * while it does (a Milvus that lost it reports that itself), and not at all once no Milvus has asked for a while.
 *
 * @param whenDown recheck interval after a failed check
 * @param whenUp recheck interval after a successful check
 * @param idleAfter a dependency no reconcile asked about for this long is no longer checked
 */
record ProbeSchedule(Duration whenDown, Duration whenUp, Duration idleAfter) {

  /** Down: every {@code recheck}; up: every four; unasked for an hour: not checked until asked again. */
  static ProbeSchedule standard(Duration recheck) {
    return new ProbeSchedule(recheck, recheck.multipliedBy(4), Duration.ofHours(1));
  }

  Duration nextCheckAfter(DependencyHealth result) {
    return result.ready() ? whenUp : whenDown;
  }

  boolean idle(Instant lastAsked, Instant now) {
    return !lastAsked.plus(idleAfter).isAfter(now);
  }
}
