package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.render.MilvusComponent;
import java.util.List;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator sees of one Milvus in the cluster.
 *
 * @param deployments the component Deployments that exist
 * @param dependencies the in-cluster dependencies' StatefulSets (etcd, MinIO, Kafka) that exist, by name
 * @param pods the Milvus's pods, to explain what is not ready
 * @param external health of external dependencies, by condition type (absent: not external)
 * @param missingData data objects deleted by hand and not made again, by the condition type they make False, with
 *     the message saying how to restore them (see {@link MissingData})
 */
public record ObservedState(
    Map<MilvusComponent, Deployment> deployments,
    Map<String, StatefulSet> dependencies,
    List<Pod> pods,
    Map<String, DependencyHealth> external,
    Map<String, MilvusCondition> missingData) {

  public ObservedState(Map<MilvusComponent, Deployment> deployments, Map<String, StatefulSet> dependencies,
      List<Pod> pods, Map<String, DependencyHealth> external) {
    this(deployments, dependencies, pods, external, Map.of());
  }

  /** The same observation with a deleted data object reported on {@code condition}'s type. */
  public ObservedState withMissing(MilvusCondition condition) {
    Map<String, MilvusCondition> missing = new LinkedHashMap<>(missingData);
    missing.put(condition.getType(), condition);
    return new ObservedState(deployments, dependencies, pods, external, Map.copyOf(missing));
  }

  public Optional<StatefulSet> dependency(String name) {
    return Optional.ofNullable(dependencies.get(name));
  }

  /** The same observation with these Deployments, e.g. as just written. */
  public ObservedState withDeployments(Map<MilvusComponent, Deployment> newDeployments) {
    return new ObservedState(newDeployments, dependencies, pods, external, missingData);
  }

  /** The result of checking an external dependency. */
  public record DependencyHealth(boolean ready, String message) {}
}
