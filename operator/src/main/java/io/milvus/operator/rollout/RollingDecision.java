package io.milvus.operator.rollout;

import io.milvus.operator.api.MilvusVersion;
import java.util.Optional;

/**
 * How the components move to a new image: one at a time in dependency order (rolling), or all at once; and why, when
 * that differs from what the user asked for.
 *
 * @param oneAtATime replace components one by one, in the topology's order
 * @param downgrade use the reverse order
 * @param force all at once with 100% surge and unavailability: the fastest, with downtime
 * @param explanation why rolling was not possible although requested
 */
public record RollingDecision(boolean oneAtATime, boolean downgrade, boolean force, Optional<String> explanation) {

  public static final String ROLLING_UPGRADE = "rollingUpgrade";
  public static final String ROLLING_DOWNGRADE = "rollingDowngrade";
  public static final String ALL = "all";
  public static final String FORCE = "force";

  /**
   * @param enableRollingUpdate the user's {@code spec.components.enableRollingUpdate} (defaulted)
   * @param imageUpdateMode the user's {@code spec.components.imageUpdateMode} (defaulted)
   * @param builtInQueueStandalone standalone on rocksmq, natsmq or woodpecker: two pods cannot share the queue's data
   * @param running the version Milvus runs now, if known
   * @param target the version of the spec's image, if known
   * @param downgradeHop whether this step moves components to an older version (a downgrade, or the way back from a
   *     hop in progress): like upstream's {@code rollingDowngrade}, it goes in the reverse dependency order, which
   *     Milvus's and upstream's documentation ask of a downgrade, under {@code rollingUpgrade} too ({@code all} and
   *     {@code force} still replace everything at once)
   */
  public static RollingDecision decide(boolean enableRollingUpdate, String imageUpdateMode,
      boolean builtInQueueStandalone, Optional<MilvusVersion> running, Optional<MilvusVersion> target,
      boolean downgradeHop, UpgradePaths paths) {
    boolean force = FORCE.equals(imageUpdateMode);
    boolean downgrade = ROLLING_DOWNGRADE.equals(imageUpdateMode) || downgradeHop;
    // a downgrade hop changes the order of a rolling update, never whether there is one: all and force stay at once
    boolean wantsRolling = enableRollingUpdate
        && (ROLLING_UPGRADE.equals(imageUpdateMode) || ROLLING_DOWNGRADE.equals(imageUpdateMode));
    if (!wantsRolling) {
      return new RollingDecision(false, downgrade, force, Optional.empty());
    }
    if (builtInQueueStandalone) {
      return new RollingDecision(false, downgrade, false, Optional.of(
          "Standalone Milvus keeps its message queue's data on one volume that two pods cannot share, so the standalone"
              + " pod is replaced (Recreate) with a short downtime; a rolling update needs an external message queue"));
    }
    if (running.isPresent() && target.isPresent() && !paths.canRoll(running.get(), target.get())) {
      return new RollingDecision(false, downgrade, false, Optional.of("Rolling upgrades need Milvus "
          + paths.rollingFrom() + " or later on both sides (active-standby coordinators); moving from "
          + running.get() + " to " + target.get() + " replaces all components at once"));
    }
    return new RollingDecision(true, downgrade, false, Optional.empty());
  }
}
