package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.rollout.Hop;
import io.milvus.operator.rollout.PathPlanner;
import io.milvus.operator.rollout.PathPolicy;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.rollout.UpgradePlan;
import java.time.Duration;

/**
 * Operator settings of MilvusUpgrade.
 *
 * @param toolImage the meta-migration image of an upgrade that names none
 * @param sessionExpiry how long to wait after Milvus's pods are gone before touching the metadata, so that their
 *     etcd sessions have expired (upstream: 1 minute), and after a failed migration Job before restoring, so that
 *     the lock of a killed tool has expired (60 s in upstream's tool and ours); tests use about a second
 * @param healthyDeadline how long a started Milvus may take to become healthy before the start counts as failed
 * @param taskDeadline how long a tool Job may run (activeDeadlineSeconds): a pod that never starts fails in the end
 * @param paths the upgrade paths: which hops a walk after the migration takes, and so until when the 2.1 backup may
 *     still be restored
 */
public record UpgradeSettings(String toolImage, Duration sessionExpiry, Duration healthyDeadline,
    Duration taskDeadline, UpgradePaths paths) {

  /**
   * Upstream's fixed build of the tool. Its documentation (and the seed) name {@code :v2.2.0}, but upstream's
   * operator defaults to this tag, which carries fixes the plain tag lacks.
   */
  public static final String DEFAULT_TOOL_IMAGE = "milvusdb/meta-migration:v2.2.0-bugfix-20230112";

  public static UpgradeSettings standard() {
    return new UpgradeSettings(DEFAULT_TOOL_IMAGE, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
        UpgradePaths.standard());
  }

  public UpgradeSettings withToolImage(String image) {
    return new UpgradeSettings(image, sessionExpiry, healthyDeadline, taskDeadline, paths);
  }

  public UpgradeSettings withSessionExpiry(Duration wait) {
    return new UpgradeSettings(toolImage, wait, healthyDeadline, taskDeadline, paths);
  }

  public UpgradeSettings withHealthyDeadline(Duration deadline) {
    return new UpgradeSettings(toolImage, sessionExpiry, deadline, taskDeadline, paths);
  }

  public UpgradeSettings withTaskDeadline(Duration deadline) {
    return new UpgradeSettings(toolImage, sessionExpiry, healthyDeadline, deadline, paths);
  }

  public UpgradeSettings withPaths(UpgradePaths newPaths) {
    return new UpgradeSettings(toolImage, sessionExpiry, healthyDeadline, taskDeadline, newPaths);
  }

  /**
   * Whether the walk after a migration from {@code source} to {@code target} has gone past its first hop, so that
   * Milvus has run a second version on the migrated metadata: the 2.1 backup can no longer be restored then.
   *
   * @param running the version Milvus last ran ready and updated
   */
  public boolean walkedPastFirstHop(MilvusVersion source, MilvusVersion target, MilvusVersion running) {
    UpgradePlan plan = PathPlanner.plan(paths, new PathPlanner.Request(source, target, PathPolicy.REQUIRED, false,
        true));
    return plan.current().map(Hop::version)
        .filter(first -> !first.equals(target) && running.compareTo(first) >= 0).isPresent();
  }
}
