package io.milvus.operator.rollout;

import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.PodRevision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to run now, in one step of moving a Milvus to its spec's image.
 *
 * @param revisionOf the pod revision (image, config) each component's Deployment gets in this step
 * @param updating the component being replaced now, if the rollout goes one at a time
 * @param pending components still on the old image, in the order they will go
 * @param retire Deployments of the previous shape to delete now (old coordinators, index nodes after 2.6)
 * @param retiring Deployments of the previous shape kept for now, still serving on their old image
 * @param oneAtATime whether components are replaced in dependency order (otherwise all at once)
 * @param reverse whether that order is reversed (a downgrade: proxy first)
 * @param explanation why the rollout goes the way it does, when that is not what the user asked for
 */
public record RolloutPlan(
    Map<MilvusComponent, PodRevision> revisionOf,
    Optional<MilvusComponent> updating,
    List<MilvusComponent> pending,
    List<MilvusComponent> retire,
    List<MilvusComponent> retiring,
    boolean oneAtATime,
    boolean reverse,
    Optional<String> explanation) {

  /** How the status and Events name the order of a one-at-a-time rollout. */
  public String order() {
    return reverse ? "reverse dependency order" : "dependency order";
  }

  public boolean done() {
    return updating.isEmpty() && pending.isEmpty() && retiring.isEmpty();
  }
}
