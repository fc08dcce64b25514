package io.milvus.operator.upgrade;

import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;

/**
 * One decision in progress: the upgrade's name and defaulted spec, the observed world and the draft status.
 * A step handler returns true when it moved to a state that can be evaluated at once on the same observation.
 */
record Step(String upgrade, MilvusUpgradeSpec spec, World world, UpgradeSettings settings, Draft draft) {

  MilvusView milvus() {
    return world.milvus();
  }

  boolean rollbackIfFailed() {
    return !Boolean.FALSE.equals(spec.getRollbackIfFailed());
  }

  int maxRetry() {
    return spec.getMaxRetry() == null ? 0 : spec.getMaxRetry();
  }

  /** The PVC the backup goes to: the user's, or the one named after the upgrade that the operator creates. */
  String backupPvc() {
    return TaskResources.backupPvcName(upgrade, spec);
  }

  String backupLocation() {
    return "PVC " + backupPvc() + " at " + MigrationToolConfig.BACKUP_FILE;
  }
}
