package io.milvus.operator.decide;

import io.milvus.operator.api.IgnoredFields;
import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.decide.Report.LogLine;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure: what a refused spec and a failing reconcile tell on the Milvus. */
public final class Refusals {

  private Refusals() {}

  /**
   * A refused spec changes nothing in the cluster: SpecValid False (and UPDATED False for a refused upgrade) says
   * what to fix, with a Warning when the problem is news.
   */
  static Refused refuse(Milvus milvus, String reason, String message, Instant now) {
    MilvusStatus previous = previous(milvus);
    MilvusStatus status = MilvusDecider.copy(previous);
    if (status.getStatus() == null) {
      status.setStatus(MilvusPhase.PENDING.wire());
    }
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(previous.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.SPEC_VALID.equals(c.getType()) || Conditions.RECONCILED.equals(c.getType()));
    conditions.add(Conditions.of(Conditions.SPEC_VALID, false, reason, message));
    if (Conditions.REASON_UPGRADE_REFUSED.equals(reason)) {
      // kubectl get milvus shows UPDATED False with the refusal, not the True of the image it keeps running
      conditions.removeIf(c -> Conditions.MILVUS_UPDATED.equals(c.getType()));
      conditions.add(Conditions.of(Conditions.MILVUS_UPDATED, false, reason, message));
    }
    status.setConditions(Conditions.merge(previous.getConditions(), conditions, now));
    status.setIgnoredFields(MilvusDecider.nullIfEmpty(IgnoredFields.of(milvus.getSpec())));
    boolean news = Conditions.find(previous.getConditions(), Conditions.SPEC_VALID)
        .map(c -> !message.equals(c.getMessage())).orElse(true);
    List<Announcement> events = news ? List.of(new Announcement(true, reason, message)) : List.of();
    List<LogLine> log = news ? List.of(new LogLine(true, "refused the spec: " + message)) : List.of();
    Optional<MilvusStatus> write = MilvusDecider.sameJson(previous, status) ? Optional.empty() : Optional.of(status);
    return new Refused(new Report(write, events, log, Optional.empty()));
  }

  /**
   * A reconcile that keeps failing (the API server refusing a write, a bug): Reconciled False with the failure, and a
   * Warning, when the failure is news; nothing when the same failure is already reported.
   */
  public static Optional<Report> failure(Milvus milvus, MilvusCondition failed, Instant now) {
    MilvusStatus previous = previous(milvus);
    boolean news = Conditions.find(previous.getConditions(), Conditions.RECONCILED)
        .map(c -> !java.util.Objects.equals(c.getMessage(), failed.getMessage())).orElse(true);
    if (!news) {
      return Optional.empty();
    }
    MilvusStatus status = MilvusDecider.copy(previous);
    List<MilvusCondition> conditions = new ArrayList<>(Optional.ofNullable(previous.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> Conditions.RECONCILED.equals(c.getType()));
    conditions.add(failed);
    status.setConditions(Conditions.merge(previous.getConditions(), conditions, now));
    return Optional.of(new Report(Optional.of(status),
        List.of(new Announcement(true, failed.getReason(), failed.getMessage())),
        List.of(new LogLine(true, failed.getMessage())), Optional.empty()));
  }

  private static MilvusStatus previous(Milvus milvus) {
    return milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
  }
}
