package io.milvus.operator.reconcile;

import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.upgrade.UpgradeSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * What the reconcilers take from the operator's command line.
 *
 * @param externalRecheck how often an external dependency that was not reachable is checked again (nothing to watch)
 * @param rolloutDeadline how long a component may make no rollout progress before the rollout is reported stalled
 * @param upgrade the MilvusUpgrade settings: tool image, etcd session wait, healthy deadline
 */
public record OperatorSettings(OperatorDefaults defaults, DependencyProbe probe, Duration externalRecheck,
    Duration rolloutDeadline, UpgradePaths upgradePaths, Clock clock, UpgradeSettings upgrade) {

  public static OperatorSettings standard() {
    return new OperatorSettings(OperatorDefaults.standard(), DependencyProbe.tcp(Duration.ofSeconds(2)),
        Duration.ofSeconds(15), Duration.ofMinutes(10), UpgradePaths.standard(), Clock.systemUTC(),
        UpgradeSettings.standard());
  }

  public OperatorSettings withUpgrade(UpgradeSettings newUpgrade) {
    return new OperatorSettings(defaults, probe, externalRecheck, rolloutDeadline, upgradePaths, clock, newUpgrade);
  }

  public OperatorSettings withProbe(DependencyProbe newProbe) {
    return new OperatorSettings(defaults, newProbe, externalRecheck, rolloutDeadline, upgradePaths, clock, upgrade);
  }

  public OperatorSettings withExternalRecheck(Duration recheck) {
    return new OperatorSettings(defaults, probe, recheck, rolloutDeadline, upgradePaths, clock, upgrade);
  }

  public OperatorSettings withRolloutDeadline(Duration deadline) {
    return new OperatorSettings(defaults, probe, externalRecheck, deadline, upgradePaths, clock, upgrade);
  }

  /** The clock deadlines are computed with (MilvusUpgrade steps, condition and Event times); tests move it. */
  public OperatorSettings withClock(Clock newClock) {
    return new OperatorSettings(defaults, probe, externalRecheck, rolloutDeadline, upgradePaths, newClock, upgrade);
  }

  public OperatorSettings withDefaults(OperatorDefaults newDefaults) {
    return new OperatorSettings(newDefaults, probe, externalRecheck, rolloutDeadline, upgradePaths, clock, upgrade);
  }

  /** Other upgrade paths (the operator's --upgrade-hop-image), for the Milvus walk and the MilvusUpgrade alike. */
  public OperatorSettings withUpgradePaths(UpgradePaths paths) {
    return new OperatorSettings(defaults, probe, externalRecheck, rolloutDeadline, paths, clock,
        upgrade.withPaths(paths));
  }
}
