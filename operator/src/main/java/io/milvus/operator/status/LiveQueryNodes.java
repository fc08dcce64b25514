package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.rollout.QueryNodeGroups;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The queryNode Deployments of a Milvus as they are, and what the Milvus says of them.
 *
 * @param legacy the single Deployment {@code <cr>-milvus-querynode} of an earlier release, if it exists
 * @param groups the rolling-mode-2 Deployments {@code <cr>-milvus-querynode-0|1} that exist, by group id
 * @param annotated the group the Milvus annotation {@value QueryNodeGroups#CURRENT_GROUP} names, if any
 * @param rolling whether the Milvus carries the label {@value QueryNodeGroups#ROLLING_ID}
 */
public record LiveQueryNodes(Optional<Deployment> legacy, Map<Integer, Deployment> groups, OptionalInt annotated,
    boolean rolling) {

  public static final LiveQueryNodes NONE = new LiveQueryNodes(Optional.empty(), Map.of(), OptionalInt.empty(), false);

  /** The group that serves (or that the rollout in progress moves to). */
  public int currentGroup() {
    Map<Integer, QueryNodeGroups.Group> facts = new java.util.LinkedHashMap<>();
    groups.forEach((id, d) -> facts.put(id, new QueryNodeGroups.Group(DeploymentProgress.desiredReplicas(d),
        pods(d), false, DeploymentProgress.isComplete(d))));
    return QueryNodeGroups.current(facts, annotated);
  }

  /** The Deployment status reports for queryNode: the current group, or the single Deployment of an earlier release. */
  public Optional<Deployment> serving() {
    return groups.isEmpty() ? legacy : Optional.ofNullable(groups.get(currentGroup()));
  }

  /**
   * Whether queryNode is at rest: the serving Deployment completed its rollout, and no other queryNode Deployment has
   * replicas or pods left.
   */
  public boolean settled() {
    Optional<Deployment> serving = serving();
    if (serving.isEmpty() || !DeploymentProgress.isComplete(serving.get())) {
      return false;
    }
    return all().filter(d -> d != serving.get())
        .allMatch(d -> DeploymentProgress.desiredReplicas(d) == 0 && pods(d) == 0);
  }

  /** Whether some queryNode Deployment that should have pods has them all available: queryNode serves. */
  public boolean available() {
    return all().anyMatch(d -> DeploymentProgress.desiredReplicas(d) > 0 && DeploymentProgress.isAvailable(d));
  }

  /**
   * {@code status.rollingModeVersion}, as upstream computes it: 2 once queryNode runs as two groups (or there is no
   * queryNode: standalone, or nothing made yet), 1 while an earlier release's single Deployment remains.
   */
  public int rollingModeVersion() {
    return groups.isEmpty() && legacy.isPresent() ? 1 : 2;
  }

  /** Every queryNode Deployment that exists. */
  public Stream<Deployment> all() {
    return Stream.concat(legacy.stream(), groups.values().stream());
  }

  static int pods(Deployment d) {
    return d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
  }
}
