package io.milvus.operator.decide;

import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a reconcile tells: the status to write, the Events and log lines, and when to look again.
 *
 * @param status the new status, if it differs from the one the Milvus has
 * @param events in order
 * @param log one line per decision, without the Milvus's namespace/name (the reconciler adds them)
 * @param recheckAfter when to reconcile again although nothing watched changes, if at all
 */
public record Report(Optional<MilvusStatus> status, List<Announcement> events, List<LogLine> log,
    Optional<Duration> recheckAfter) {

  /** A line for the operator's log. */
  public record LogLine(boolean warning, String message) {}
}
