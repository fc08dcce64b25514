package io.milvus.operator.upgrade;

import io.milvus.operator.api.v1beta1.MilvusReplicas;
import java.time.Instant;
import java.util.Map;

/** What the reconciler does for a step, after it has saved the status that led to it. Each is idempotent. */
public sealed interface UpgradeAction {

  /**
   * Scales every recorded component and group of the Milvus to 0, and drops an older {@code stopped-at} mark (the
   * sessions of pods that run now have not expired).
   */
  record StopMilvus(MilvusReplicas replicas) implements UpgradeAction {}

  /** Writes {@code milvus.io/stopped-at}: from then on the etcd sessions of the stopped pods expire. */
  record MarkStopped(Instant at) implements UpgradeAction {}

  /**
   * Sets the image (and {@code components.version}, where the spec has one), restores the replicas and removes the
   * {@code stopped-at} mark.
   *
   * @param allowMigratedImage let the Milvus reconciler take {@code image} although the version jump crosses the
   *     2.2 metadata layout: the migration has just made it safe. False removes that permission.
   */
  record StartMilvus(String image, String version, MilvusReplicas replicas, Map<String, Map<String, Integer>> groups,
      boolean allowMigratedImage) implements UpgradeAction {}

  /** Removes the permission of {@link StartMilvus#allowMigratedImage()} once Milvus runs the target. */
  record ReleaseMilvus() implements UpgradeAction {}

  /** Creates the task's PVC (for a backup), ConfigMap and Job; an existing Job of that name is left alone. */
  record RunTask(TaskKind kind, int attempt) implements UpgradeAction {}

  /**
   * An Event on the MilvusUpgrade, and on the Milvus too when {@code aboutMilvus}, so that {@code kubectl describe}
   * of either tells the story.
   */
  record Announce(boolean warning, String reason, String message, boolean aboutMilvus) implements UpgradeAction {}
}
