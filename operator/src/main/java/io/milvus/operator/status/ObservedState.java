package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.render.MilvusComponent;
import java.util.List;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator sees of one Milvus in the cluster.
 *
 * @param deployments the component Deployments that exist
 * @param dependencies the in-cluster dependencies' StatefulSets (etcd, MinIO, Kafka, Pulsar's parts) that exist, by name
 * @param pods the Milvus's pods, to explain what is not ready
 * @param external health of external dependencies, by condition type (absent: not external)
 * @param missingData data objects deleted by hand and not made again, by the condition type they make False, with
 *     the message saying how to restore them (see {@link MissingData})
 * @param jobs the in-cluster dependencies' initialisation Jobs that exist, by name
 * @param missingSecrets Secrets the in-cluster dependencies mount that do not exist (e.g. Pulsar's JWT keys)
 * @param queryNodes all queryNode Deployments (rolling mode 2's groups, or an earlier release's single one);
 *     {@code deployments} holds the one that serves
 */
public record ObservedState(
    Map<MilvusComponent, Deployment> deployments,
    Map<String, StatefulSet> dependencies,
    List<Pod> pods,
    Map<String, DependencyHealth> external,
    Map<String, Job> jobs,
    Set<String> missingSecrets,
    Map<String, MilvusCondition> missingData,
    LiveQueryNodes queryNodes) {

  public ObservedState(Map<MilvusComponent, Deployment> deployments, Map<String, StatefulSet> dependencies,
      List<Pod> pods, Map<String, DependencyHealth> external) {
    this(deployments, dependencies, pods, external, Map.of(), Set.of());
  }

  public ObservedState(Map<MilvusComponent, Deployment> deployments, Map<String, StatefulSet> dependencies,
      List<Pod> pods, Map<String, DependencyHealth> external, Map<String, Job> jobs, Set<String> missingSecrets) {
    this(deployments, dependencies, pods, external, jobs, missingSecrets, Map.of(), LiveQueryNodes.NONE);
  }

  /** The same observation with these queryNode Deployments; the serving one is among {@code deployments}. */
  public ObservedState withQueryNodes(LiveQueryNodes live) {
    return new ObservedState(deployments, dependencies, pods, external, jobs, missingSecrets, missingData, live);
  }

  /** The same observation with a deleted data object reported on {@code condition}'s type. */
  public ObservedState withMissing(MilvusCondition condition) {
    Map<String, MilvusCondition> missing = new LinkedHashMap<>(missingData);
    missing.put(condition.getType(), condition);
    return new ObservedState(deployments, dependencies, pods, external, jobs, missingSecrets, Map.copyOf(missing),
        queryNodes);
  }

  public Optional<StatefulSet> dependency(String name) {
    return Optional.ofNullable(dependencies.get(name));
  }

  /** The same observation with these Deployments, e.g. as just written. */
  public ObservedState withDeployments(Map<MilvusComponent, Deployment> newDeployments) {
    return new ObservedState(newDeployments, dependencies, pods, external, jobs, missingSecrets, missingData,
        queryNodes);
  }

  /** The result of checking an external dependency. */
  public record DependencyHealth(boolean ready, String message) {}
}
