package io.milvus.operator.decide;

import java.util.Optional;

/**
 * What a running Milvus runs that its spec may not say, read by the shell from the informer caches before admission:
 * a walk and the defaults depend on it.
 *
 * @param queue the message queue its ConfigMap names (a spec naming none keeps it)
 * @param separateCoordinators whether root/data/query/index coordinators run as their own Deployments
 */
public record RunningMilvus(Optional<String> queue, boolean separateCoordinators) {

  /** Nothing known: a new Milvus, or a test that observes nothing. */
  public static final RunningMilvus UNKNOWN = new RunningMilvus(Optional.empty(), false);
}
