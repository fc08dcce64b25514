package io.milvus.operator.rollout;

import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.PodRevision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: decides which component runs which image in the current step of a rollout. It keeps no state of its own: the
 * step is read from the Deployments themselves (their template image and whether their rollout completed), so an
 * operator restarted at any point resumes exactly where it was and never repeats a step.
 */
public final class RolloutPlanner {

  private static final Set<MilvusComponent> SEPARATE_COORDINATORS = Set.of(MilvusComponent.ROOT_COORD,
      MilvusComponent.DATA_COORD, MilvusComponent.QUERY_COORD, MilvusComponent.INDEX_COORD);

  private RolloutPlanner() {}

  /** A Deployment as it is: the revision of its pod template, and whether its rollout completed on it. */
  public record Observed(PodRevision revision, boolean complete) {}

  /**
   * @param desired the components the spec runs
   * @param target the revision the spec asks for, on the global image
   * @param observed the component Deployments that exist
   * @param rolling how the user asked to roll, and whether the versions and shape allow it
   * @param ownTargets the revision of each component that runs an image of its own: it is pinned there, so a change
   *     of the global image passes it by and a change of its own image rolls it alone, at its turn in the order
   */
  public record Input(Topology topology, List<MilvusComponent> desired, PodRevision target, RollingDecision rolling,
      Map<MilvusComponent, Observed> observed, Map<MilvusComponent, PodRevision> ownTargets) {

    public Input(Topology topology, List<MilvusComponent> desired, PodRevision target, RollingDecision rolling,
        Map<MilvusComponent, Observed> observed) {
      this(topology, desired, target, rolling, observed, Map.of());
    }

    PodRevision targetOf(MilvusComponent component) {
      return ownTargets.getOrDefault(component, target);
    }
  }

  public static RolloutPlan plan(Input in) {
    List<MilvusComponent> retiring = in.observed().keySet().stream().filter(c -> !in.desired().contains(c)).toList();
    if (!in.rolling().oneAtATime()) {
      Map<MilvusComponent, PodRevision> revisions = new EnumMap<>(MilvusComponent.class);
      in.desired().forEach(c -> revisions.put(c, in.targetOf(c)));
      List<MilvusComponent> pending = in.desired().stream().filter(c -> !isDone(in, c)).toList();
      return new RolloutPlan(revisions, Optional.empty(), pending, retiring, List.of(), false, false,
          in.rolling().explanation());
    }

    Map<MilvusComponent, PodRevision> revisions = new EnumMap<>(MilvusComponent.class);
    Optional<MilvusComponent> updating = Optional.empty();
    List<MilvusComponent> pending = new ArrayList<>();
    for (MilvusComponent c : order(in)) {
      Observed now = in.observed().get(c);
      if (now == null) {
        // A component that does not exist yet has no old version to keep: it starts on the target image at once (a new
        // Milvus starts all its components together) and, until ready, holds back the components after it.
        revisions.put(c, in.targetOf(c));
        updating = updating.or(() -> Optional.of(c));
      } else if (updating.isEmpty()) {
        revisions.put(c, in.targetOf(c));
        if (!isDone(in, c)) {
          updating = Optional.of(c);
        }
      } else {
        revisions.put(c, now.revision());
        if (!in.targetOf(c).equals(now.revision())) {
          pending.add(c);
        }
      }
    }
    List<MilvusComponent> retireNow = new ArrayList<>();
    List<MilvusComponent> keep = new ArrayList<>();
    boolean coordinatorsDone = isDone(in, MilvusComponent.MIX_COORD);
    boolean allDone = updating.isEmpty() && pending.isEmpty();
    for (MilvusComponent old : retiring) {
      boolean replaced = SEPARATE_COORDINATORS.contains(old) ? coordinatorsDone : allDone;
      (replaced ? retireNow : keep).add(old);
    }
    return new RolloutPlan(revisions, updating, pending, retireNow, keep, true, in.rolling().downgrade(),
        in.rolling().explanation());
  }

  /** The topology's order for the desired components, then any other desired component (e.g. cdc) at the end. */
  private static List<MilvusComponent> order(Input in) {
    Set<MilvusComponent> ordered = new LinkedHashSet<>();
    in.topology().order(in.rolling().downgrade()).stream().filter(in.desired()::contains).forEach(ordered::add);
    ordered.addAll(in.desired());
    return List.copyOf(ordered);
  }

  private static boolean isDone(Input in, MilvusComponent c) {
    Observed now = in.observed().get(c);
    return now != null && in.targetOf(c).equals(now.revision()) && now.complete();
  }
}
