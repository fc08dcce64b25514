package io.milvus.operator.rollout;

import static io.milvus.operator.render.MilvusComponent.DATA_COORD;
import static io.milvus.operator.render.MilvusComponent.DATA_NODE;
import static io.milvus.operator.render.MilvusComponent.INDEX_COORD;
import static io.milvus.operator.render.MilvusComponent.INDEX_NODE;
import static io.milvus.operator.render.MilvusComponent.MIX_COORD;
import static io.milvus.operator.render.MilvusComponent.PROXY;
import static io.milvus.operator.render.MilvusComponent.QUERY_COORD;
import static io.milvus.operator.render.MilvusComponent.QUERY_NODE;
import static io.milvus.operator.render.MilvusComponent.ROOT_COORD;
import static io.milvus.operator.render.MilvusComponent.STANDALONE;
import static io.milvus.operator.render.MilvusComponent.STREAMING_NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.rollout.RolloutPlanner.Observed;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutPlannerTest {

  static final String OLD = "milvusdb/milvus:v2.3.21";
  static final String NEW = "milvusdb/milvus:v2.4.23";
  static PodRevision r(String image) {
    return PodRevision.ofImage(image);
  }

  static Map<MilvusComponent, String> images(RolloutPlan plan) {
    Map<MilvusComponent, String> images = new EnumMap<>(MilvusComponent.class);
    plan.revisionOf().forEach((c, revision) -> images.put(c, revision.image()));
    return images;
  }

  static final RollingDecision UPGRADE = new RollingDecision(true, false, false, Optional.empty());
  static final RollingDecision DOWNGRADE = new RollingDecision(true, true, false, Optional.empty());
  static final RollingDecision ALL = new RollingDecision(false, false, false, Optional.empty());

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(Topology.CLASSIC, UPGRADE,
            List.of(INDEX_NODE, ROOT_COORD, DATA_COORD, INDEX_COORD, QUERY_COORD, QUERY_NODE, DATA_NODE, PROXY)),
        Arguments.of(Topology.CLASSIC, DOWNGRADE,
            List.of(PROXY, DATA_NODE, QUERY_NODE, QUERY_COORD, INDEX_COORD, DATA_COORD, ROOT_COORD, INDEX_NODE)),
        Arguments.of(Topology.MIX_COORDINATOR, UPGRADE, List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY)),
        Arguments.of(Topology.MIX_COORDINATOR, DOWNGRADE, List.of(PROXY, DATA_NODE, QUERY_NODE, MIX_COORD, INDEX_NODE)),
        Arguments.of(Topology.STREAMING, UPGRADE, List.of(MIX_COORD, STREAMING_NODE, QUERY_NODE, DATA_NODE, PROXY)),
        Arguments.of(Topology.STREAMING, DOWNGRADE, List.of(PROXY, DATA_NODE, QUERY_NODE, STREAMING_NODE, MIX_COORD)),
        Arguments.of(Topology.STANDALONE_MODE, UPGRADE, List.of(STANDALONE)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("orders")
  void aRollingUpdateReplacesOneComponentAtATimeInDependencyOrder(Topology topology, RollingDecision decision,
      List<MilvusComponent> expectedOrder) {
    List<MilvusComponent> desired = expectedOrder.stream().sorted().toList();
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(OLD), true)));

    List<MilvusComponent> replaced = new ArrayList<>();
    for (int step = 0; step < desired.size(); step++) {
      RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(topology, desired, r(NEW), decision, world));
      MilvusComponent updating = plan.updating().orElseThrow();
      assertThat(images(plan)).as("only %s moves in step %d", updating, step)
          .allSatisfy((c, image) -> assertThat(image).isEqualTo(replaced.contains(c) || c == updating ? NEW : OLD));
      world.put(updating, new Observed(r(NEW), false));
      RolloutPlan whileRolling = RolloutPlanner.plan(new RolloutPlanner.Input(topology, desired, r(NEW), decision, world));
      assertThat(whileRolling.updating()).as("waits for %s to complete", updating).contains(updating);
      world.put(updating, new Observed(r(NEW), true));
      replaced.add(updating);
    }
    assertThat(replaced).isEqualTo(expectedOrder);
    RolloutPlan end = RolloutPlanner.plan(new RolloutPlanner.Input(topology, desired, r(NEW), decision, world));
    assertThat(end.done()).isTrue();
    assertThat(end.order()).as("as the status and Events name it")
        .isEqualTo(decision.downgrade() ? "reverse dependency order" : "dependency order");
  }

  @Test
  void aComponentOnItsOwnImageIsPassedByAGlobalUpgrade() {
    String pinned = "milvusdb/milvus:v2.4.23-hotfix";
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(OLD), true)));
    world.put(MIX_COORD, new Observed(r(pinned), true));
    world.put(INDEX_NODE, new Observed(r(NEW), true));
    Map<MilvusComponent, PodRevision> own = Map.of(MIX_COORD, r(pinned));

    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE,
        world, own));

    assertThat(plan.updating()).as("mixCoord stays on its own image: the next one moves").contains(QUERY_NODE);
    assertThat(images(plan)).containsEntry(MIX_COORD, pinned).containsEntry(QUERY_NODE, NEW)
        .containsEntry(PROXY, OLD);
  }

  @Test
  void aComponentsOwnImageChangedRollsThatComponentAlone() {
    String pinned = "milvusdb/milvus:v2.4.23-hotfix";
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(NEW), true)));
    Map<MilvusComponent, PodRevision> own = Map.of(PROXY, r(pinned));

    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE,
        world, own));
    assertThat(plan.updating()).contains(PROXY);
    assertThat(plan.pending()).isEmpty();
    assertThat(images(plan)).containsEntry(PROXY, pinned).containsEntry(DATA_NODE, NEW);

    world.put(PROXY, new Observed(r(pinned), true));
    assertThat(RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE, world,
        own)).done()).isTrue();
  }

  @Test
  void allModeMovesEveryComponentAtOnce() {
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(OLD), true)));
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), ALL, world));
    assertThat(images(plan)).hasSize(desired.size()).allSatisfy((c, image) -> assertThat(image).isEqualTo(NEW));
    assertThat(plan.updating()).isEmpty();
    assertThat(plan.pending()).containsExactlyElementsOf(desired);
  }

  @Test
  void aNewMilvusStartsAllItsComponentsTogether() {
    List<MilvusComponent> desired = Topology.CLASSIC.order(false);
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.CLASSIC, desired, r(NEW), UPGRADE, Map.of()));
    assertThat(images(plan)).containsOnlyKeys(desired).allSatisfy((c, image) -> assertThat(image).isEqualTo(NEW));
  }

  @Test
  void aStalledComponentHoldsBackEveryComponentAfterIt() {
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(OLD), true)));
    world.put(INDEX_NODE, new Observed(r(NEW), true));
    world.put(MIX_COORD, new Observed(r(NEW), false));
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE, world));
    assertThat(plan.updating()).contains(MIX_COORD);
    assertThat(plan.pending()).containsExactly(QUERY_NODE, DATA_NODE, PROXY);
    assertThat(images(plan)).containsEntry(QUERY_NODE, OLD).containsEntry(PROXY, OLD);
  }

  @Test
  void aFixedImageResumesFromTheStalledComponent() {
    String fixed = "milvusdb/milvus:v2.4.24";
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(OLD), true)));
    world.put(INDEX_NODE, new Observed(r(NEW), true));
    world.put(MIX_COORD, new Observed(r(NEW), false));
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(fixed), UPGRADE, world));
    assertThat(plan.updating()).as("index nodes move to the fixed image first").contains(INDEX_NODE);
    assertThat(images(plan)).containsEntry(INDEX_NODE, fixed).containsEntry(MIX_COORD, NEW);
  }

  @Test
  void intoStreamingTheOldShapeServesUntilReplaced() {
    String v25 = "milvusdb/milvus:v2.5.16";
    String v26 = "milvusdb/milvus:v2.6.5";
    List<MilvusComponent> desired = List.of(MIX_COORD, STREAMING_NODE, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    for (MilvusComponent c : List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY)) {
      world.put(c, new Observed(r(v25), true));
    }
    RolloutPlan first = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.INTO_STREAMING, desired, r(v26), UPGRADE, world));
    assertThat(first.updating()).contains(STREAMING_NODE);
    assertThat(images(first)).containsEntry(STREAMING_NODE, v26).containsEntry(MIX_COORD, v25);
    assertThat(first.retiring()).containsExactly(INDEX_NODE);
    assertThat(first.retire()).isEmpty();

    desired.forEach(c -> world.put(c, new Observed(r(v26), true)));
    RolloutPlan last = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.INTO_STREAMING, desired, r(v26), UPGRADE, world));
    assertThat(last.retire()).as("index nodes go once everything else runs 2.6").containsExactly(INDEX_NODE);
  }

  @Test
  void separateCoordinatorsRetireOnceMixCoordRuns() {
    List<MilvusComponent> desired = List.of(INDEX_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    for (MilvusComponent c : List.of(INDEX_NODE, ROOT_COORD, DATA_COORD, INDEX_COORD, QUERY_COORD, QUERY_NODE,
        DATA_NODE, PROXY)) {
      world.put(c, new Observed(r(NEW), true));
    }
    RolloutPlan waiting = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE, world));
    assertThat(waiting.retire()).isEmpty();
    assertThat(waiting.retiring()).containsExactlyInAnyOrder(ROOT_COORD, DATA_COORD, QUERY_COORD, INDEX_COORD);

    world.put(MIX_COORD, new Observed(r(NEW), true));
    RolloutPlan ready = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.MIX_COORDINATOR, desired, r(NEW), UPGRADE, world));
    assertThat(ready.retire()).containsExactlyInAnyOrder(ROOT_COORD, DATA_COORD, QUERY_COORD, INDEX_COORD);
  }

  @Test
  void anUnchangedMilvusIsDone() {
    List<MilvusComponent> desired = Topology.STREAMING.order(false);
    Map<MilvusComponent, Observed> world = new EnumMap<>(MilvusComponent.class);
    desired.forEach(c -> world.put(c, new Observed(r(NEW), true)));
    RolloutPlan plan = RolloutPlanner.plan(new RolloutPlanner.Input(Topology.STREAMING, desired, r(NEW), UPGRADE, world));
    assertThat(plan.done()).isTrue();
    assertThat(images(plan)).allSatisfy((c, image) -> assertThat(image).isEqualTo(NEW));
  }
}
