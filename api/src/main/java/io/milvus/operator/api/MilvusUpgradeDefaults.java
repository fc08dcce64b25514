package io.milvus.operator.api;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.UnreadableSpec;

/** Upstream's MilvusUpgrade defaults, applied in memory on a copy: the user's resource keeps what they wrote. */
public final class MilvusUpgradeDefaults {

  public static final String OPERATION_UPGRADE = "upgrade";
  public static final int DEFAULT_MAX_RETRY = 3;
  public static final String MILVUS_REPOSITORY = "milvusdb/milvus";

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private MilvusUpgradeDefaults() {}

  /**
   * A defaulted deep copy of {@code spec}: targetImage {@code milvusdb/milvus:v<targetVersion>}, toolImage
   * {@code toolImage}, operation upgrade, maxRetry 3, rollbackIfFailed true.
   *
   * @param toolImage the meta-migration image, an operator setting
   */
  public static MilvusUpgradeSpec apply(MilvusUpgradeSpec spec, String toolImage) {
    // an unreadable spec is refused by validation; defaults of nothing keep every reader safe
    MilvusUpgradeSpec d = spec == null || spec instanceof UnreadableSpec ? new MilvusUpgradeSpec() : JSON.clone(spec);
    if (Problems.isBlank(d.getTargetImage()) && !Problems.isBlank(d.getTargetVersion())) {
      d.setTargetImage(MILVUS_REPOSITORY + ":" + withV(d.getTargetVersion().trim()));
    }
    if (Problems.isBlank(d.getToolImage())) {
      d.setToolImage(toolImage);
    }
    if (Problems.isBlank(d.getOperation())) {
      d.setOperation(OPERATION_UPGRADE);
    }
    if (d.getMaxRetry() == null) {
      d.setMaxRetry(DEFAULT_MAX_RETRY);
    }
    if (d.getRollbackIfFailed() == null) {
      d.setRollbackIfFailed(true);
    }
    return d;
  }

  /** Milvus image tags carry the v: 2.4.23 and v2.4.23 both give v2.4.23. */
  static String withV(String version) {
    return version.startsWith("v") ? version : "v" + version;
  }
}
