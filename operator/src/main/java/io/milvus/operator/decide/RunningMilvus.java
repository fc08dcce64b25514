package io.milvus.operator.decide;

import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.render.MilvusComponent;
import java.util.List;
import java.util.Optional;

/**
 * What a running Milvus runs that its spec may not say, read by the shell from the caches (reconcile/WalkInputs).
 *
 * @param queue the message queue its ConfigMap names (a spec naming none keeps it)
 * @param separateCoordinators whether root/data/query/index coordinators run as their own Deployments
 * @param deployed the Milvus image of each component Deployment's pod template that runs pods (a hop in progress
 *     shows as two images)
 */
public record RunningMilvus(Optional<String> queue, boolean separateCoordinators, List<Deployed> deployed) {

  /** Nothing known: a new Milvus, or a test that observes nothing. */
  public static final RunningMilvus UNKNOWN = new RunningMilvus(Optional.empty(), false, List.of());

  /** The image a component's Deployment runs. */
  public record Deployed(MilvusComponent component, String image) {}

  public RunningMilvus {
    deployed = List.copyOf(deployed);
  }

  public RunningMilvus(Optional<String> queue, boolean separateCoordinators) {
    this(queue, separateCoordinators, List.of());
  }

  /**
   * The images of the components that follow the global image: a component the spec gives an image of its own is
   * pinned there (rollout/RolloutPlanner), so its image, whatever its version, says nothing of a hop in progress.
   */
  public List<String> walkingImages(MilvusComponents spec) {
    return deployed.stream().filter(d -> spec == null || !d.component().hasOwnImage(spec)).map(Deployed::image)
        .distinct().toList();
  }
}
