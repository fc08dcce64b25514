package io.milvus.operator.decide;

import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.rollout.UpgradeWalk;
import io.milvus.operator.status.ObservedState;
import io.milvus.operator.status.StatusEvents;
import java.util.List;
import java.util.Optional;

/** What to do with an admitted Milvus: refuse it, or write these objects and then report. */
public sealed interface MilvusDecision permits Refused, MilvusDecision.Converge {

  /**
   * @param writes in order (the reconciler performs them so, and stops at the first that fails)
   * @param ctx the defaulted spec
   * @param plan the rollout step these writes make
   * @param observed the observation, with data objects found deleted and not made again
   * @param startsMilvus whether the dependencies are ready, so the writes include Milvus's Deployments
   * @param overriddenRefusal an unsafe version jump the user allowed, told with the components it rolls
   * @param log lines for the operator's log
   * @param walk the walk over several versions this step belongs to, reported in status.upgradePath
   * @param notices what the user is told besides what the writes did (an object of the same name, not this
   *     Milvus's, left alone)
   */
  record Converge(List<Write> writes, RenderContext ctx, RolloutPlan plan, ObservedState observed,
      boolean startsMilvus, Optional<String> overriddenRefusal, List<Report.LogLine> log, UpgradeWalk walk,
      List<StatusEvents.Announcement> notices)
      implements MilvusDecision {}
}
