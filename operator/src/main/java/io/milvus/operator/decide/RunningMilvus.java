package io.milvus.operator.decide;

import java.util.List;
import java.util.Optional;

/**
 * What a running Milvus runs that its spec may not say, read by the shell from the informer caches before admission:
 * a walk and the defaults depend on it.
 *
 * @param queue the message queue its ConfigMap names (a spec naming none keeps it)
 * @param separateCoordinators whether root/data/query/index coordinators run as their own Deployments
 * @param deployedImages the Milvus images of its component Deployments' pod templates (a hop in progress shows as
 *     two images)
 */
public record RunningMilvus(Optional<String> queue, boolean separateCoordinators, List<String> deployedImages) {

  /** Nothing known: a new Milvus, or a test that observes nothing. */
  public static final RunningMilvus UNKNOWN = new RunningMilvus(Optional.empty(), false, List.of());

  public RunningMilvus {
    deployedImages = List.copyOf(deployedImages);
  }

  public RunningMilvus(Optional<String> queue, boolean separateCoordinators) {
    this(queue, separateCoordinators, List.of());
  }
}
