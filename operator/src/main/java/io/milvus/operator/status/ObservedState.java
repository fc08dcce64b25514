package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.render.MilvusComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator sees of one Milvus in the cluster.
 *
 * @param deployments the component Deployments that exist
 * @param etcd the in-cluster etcd StatefulSet, if any
 * @param minio the in-cluster MinIO StatefulSet, if any
 * @param pods the Milvus's pods, to explain what is not ready
 * @param external health of external dependencies, by condition type (absent: not external)
 */
public record ObservedState(
    Map<MilvusComponent, Deployment> deployments,
    Optional<StatefulSet> etcd,
    Optional<StatefulSet> minio,
    List<Pod> pods,
    Map<String, DependencyHealth> external) {

  /** The result of checking an external dependency. */
  public record DependencyHealth(boolean ready, String message) {}
}
