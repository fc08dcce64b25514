package io.milvus.operator.upgrade;

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
 */
public record UpgradeSettings(String toolImage, Duration sessionExpiry, Duration healthyDeadline,
    Duration taskDeadline) {

  /**
   * Upstream's fixed build of the tool. Its documentation (and the seed) name {@code :v2.2.0}, but upstream's
   * operator defaults to this tag, which carries fixes the plain tag lacks.
   */
  public static final String DEFAULT_TOOL_IMAGE = "milvusdb/meta-migration:v2.2.0-bugfix-20230112";

  public static UpgradeSettings standard() {
    return new UpgradeSettings(DEFAULT_TOOL_IMAGE, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1));
  }

  public UpgradeSettings withToolImage(String image) {
    return new UpgradeSettings(image, sessionExpiry, healthyDeadline, taskDeadline);
  }

  public UpgradeSettings withSessionExpiry(Duration wait) {
    return new UpgradeSettings(toolImage, wait, healthyDeadline, taskDeadline);
  }

  public UpgradeSettings withHealthyDeadline(Duration deadline) {
    return new UpgradeSettings(toolImage, sessionExpiry, deadline, taskDeadline);
  }

  public UpgradeSettings withTaskDeadline(Duration deadline) {
    return new UpgradeSettings(toolImage, sessionExpiry, healthyDeadline, deadline);
  }
}
