package io.milvus.operator.rollout;

import static io.milvus.operator.rollout.QueryNodeGroups.Template.IDLE;
import static io.milvus.operator.rollout.QueryNodeGroups.Template.KEEP;
import static io.milvus.operator.rollout.QueryNodeGroups.Template.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.rollout.QueryNodeGroups.Group;
import io.milvus.operator.rollout.QueryNodeGroups.GroupPlan;
import io.milvus.operator.rollout.QueryNodeGroups.Input;
import io.milvus.operator.rollout.QueryNodeGroups.Legacy;
import io.milvus.operator.rollout.QueryNodeGroups.Step;
import io.milvus.operator.rollout.QueryNodeGroups.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryNodeGroupsTest {

  /** Group states, by what a user would see with kubectl get deploy. */
  static Group serving(int n) {
    return new Group(n, n, true, true);
  }

  static Group servingOldTemplate(int n) {
    return new Group(n, n, false, true);
  }

  static Group idleOld() {
    return new Group(0, 0, false, true);
  }

  static Group idleOnTarget() {
    return new Group(0, 0, true, true);
  }

  static Group scalingUp(int wanted, int ready) {
    return new Group(wanted, ready, true, false);
  }

  static Group terminating(int pods) {
    return new Group(0, pods, false, false);
  }

  static Map<Integer, Group> groups(Group zero, Group one) {
    Map<Integer, Group> groups = new LinkedHashMap<>();
    if (zero != null) {
      groups.put(0, zero);
    }
    if (one != null) {
      groups.put(1, one);
    }
    return groups;
  }

  static Input input(Map<Integer, Group> groups, Integer current, boolean rolling, int wanted) {
    return new Input(Optional.empty(), groups, current == null ? OptionalInt.empty() : OptionalInt.of(current),
        rolling, OptionalInt.of(wanted), false);
  }

  static Map<Integer, GroupPlan> plans(Template zero, int zeroReplicas, Template one, int oneReplicas) {
    return Map.of(0, GroupPlan.of(zero, zeroReplicas), 1, GroupPlan.of(one, oneReplicas));
  }

  /** Each row: the world, then the step: group plans, the annotation after it, rolling label, settled. */
  static List<Arguments> steps() {
    return List.of(
        Arguments.of("a new Milvus gets a serving group 0 and an idle group 1",
            input(Map.of(), null, false, 2), plans(TARGET, 2, IDLE, 0), 0, false, false),
        Arguments.of("at rest nothing changes",
            input(groups(serving(2), idleOld()), 0, false, 2), plans(KEEP, 2, KEEP, 0), 0, false, true),
        Arguments.of("a scale-up goes to the serving group",
            input(groups(serving(2), idleOld()), 0, false, 3), plans(KEEP, 3, KEEP, 0), 0, false, false),
        Arguments.of("a new template goes into the idle group, scaled to the serving count; the annotation names it",
            input(groups(servingOldTemplate(2), idleOld()), 0, false, 2), plans(KEEP, 2, TARGET, 2), 1, true, false),
        Arguments.of("the old group serves until every new pod is available",
            input(groups(servingOldTemplate(2), scalingUp(2, 1)), 1, true, 2), plans(KEEP, 2, KEEP, 2), 1, true, false),
        Arguments.of("once the new group is available the old one scales to 0",
            input(groups(servingOldTemplate(2), serving(2)), 1, true, 2), plans(KEEP, 0, KEEP, 2), 1, true, false),
        Arguments.of("the rollout ends when the old group's pods are gone",
            input(groups(idleOld(), serving(2)), 1, true, 2), plans(KEEP, 0, KEEP, 2), 1, false, true),
        Arguments.of("still rolling while old pods terminate",
            input(groups(terminating(1), serving(2)), 1, true, 2), plans(KEEP, 0, KEEP, 2), 1, true, false),
        Arguments.of("the next rollout swaps back into group 0",
            input(groups(idleOld(), servingOldTemplate(2)), 1, false, 2), plans(TARGET, 2, KEEP, 2), 0, true, false),
        Arguments.of("going back to the old template mid-rollout swaps back the same way",
            input(groups(new Group(2, 2, true, true), new Group(2, 1, false, false)), 1, true, 2),
            plans(KEEP, 2, KEEP, 2), 0, true, false),
        Arguments.of("a third template mid-rollout retargets the group taking over; the old one keeps serving",
            input(groups(servingOldTemplate(2), new Group(2, 1, false, false)), 1, true, 2),
            plans(KEEP, 2, TARGET, 2), 1, true, false),
        Arguments.of("a new template while old pods still terminate waits for them",
            input(groups(terminating(1), servingOldTemplate(2)), 1, true, 2),
            plans(KEEP, 0, KEEP, 2), 1, true, false),
        Arguments.of("a stopped Milvus changes its template in place: there is nothing to keep serving",
            input(groups(new Group(0, 0, false, true), idleOld()), 0, false, 2), plans(TARGET, 2, KEEP, 0), 0, false,
            false),
        Arguments.of("stopping scales both groups to 0",
            input(groups(serving(2), idleOld()), 0, false, 0), plans(KEEP, 0, KEEP, 0), 0, false, false),
        Arguments.of("a lost annotation is read from the group that has replicas",
            input(groups(idleOld(), serving(2)), null, false, 2), plans(KEEP, 0, KEEP, 2), 1, false, true),
        Arguments.of("an idle group deleted by hand is made again, idle",
            input(groups(serving(2), null), 0, false, 2), plans(KEEP, 2, IDLE, 0), 0, false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void nextStep(String story, Input in, Map<Integer, GroupPlan> expected, int current, boolean rolling,
      boolean settled) {
    Step step = QueryNodeGroups.plan(in);
    assertThat(step.groups()).as(step.summary()).isEqualTo(expected);
    assertThat(step.current()).as("annotation").isEqualTo(current);
    assertThat(step.rolling()).as("rolling label").isEqualTo(rolling);
    assertThat(step.settled()).as("settled").isEqualTo(settled);
    assertThat(step.legacy()).isEqualTo(Legacy.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void servingCapacityNeverDrops(String story, Input in, Map<Integer, GroupPlan> expected, int current,
      boolean rolling, boolean settled) {
    // whatever is scaled down in a step, pods that were available stay at least the wanted count
    Step step = QueryNodeGroups.plan(in);
    int wanted = in.wanted().getAsInt();
    int availableKept = 0;
    for (var entry : in.groups().entrySet()) {
      Group g = entry.getValue();
      int available = g.complete() ? g.replicas() : 0;
      int kept = step.groups().get(entry.getKey()).replicas().orElse(g.replicas());
      availableKept += Math.min(available, kept);
    }
    int availableBefore = in.groups().values().stream().mapToInt(g -> g.complete() ? g.replicas() : 0).sum();
    if (wanted > 0) {
      assertThat(availableKept).as("available pods kept").isGreaterThanOrEqualTo(Math.min(wanted, availableBefore));
    }
  }

  @ParameterizedTest(name = "force: {0}")
  @MethodSource("steps")
  void forceDropsTheOldGroupWithoutWaiting(String story, Input in, Map<Integer, GroupPlan> expected, int current,
      boolean rolling, boolean settled) {
    Input forced = new Input(in.legacy(), in.groups(), in.current(), in.rolling(), in.wanted(), true);
    Step step = QueryNodeGroups.plan(forced);
    if (in.groups().size() == 2 && in.current().equals(OptionalInt.of(step.current()))
        && in.groups().get(step.current()).onTarget() && step.rolling()) {
      assertThat(step.groups().get(1 - step.current()).replicas()).hasValue(0);
    }
  }

  @org.junit.jupiter.api.Test
  void anEarlierReleasesSingleDeploymentStaysAloneUntilItsTemplateMustChange() {
    Input unchanged = new Input(Optional.of(serving(3)), Map.of(), OptionalInt.empty(), false, OptionalInt.of(3),
        false);
    Step step = QueryNodeGroups.plan(unchanged);
    assertThat(step.legacy()).isEqualTo(Legacy.ALONE);
    assertThat(step.groups()).isEmpty();
    assertThat(step.settled()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void anEarlierReleasesSingleDeploymentServesUntilGroupZeroHasTakenOver() {
    Input rollout = new Input(Optional.of(servingOldTemplate(3)), Map.of(), OptionalInt.empty(), false,
        OptionalInt.of(3), false);
    Step start = QueryNodeGroups.plan(rollout);
    assertThat(start.legacy()).isEqualTo(Legacy.HOLD);
    assertThat(start.groups()).isEqualTo(plans(TARGET, 3, IDLE, 0));
    assertThat(start.rolling()).isTrue();

    Input scaling = new Input(Optional.of(servingOldTemplate(3)), groups(scalingUp(3, 2), idleOld()),
        OptionalInt.of(0), true, OptionalInt.of(3), false);
    assertThat(QueryNodeGroups.plan(scaling).legacy()).isEqualTo(Legacy.HOLD);

    Input available = new Input(Optional.of(servingOldTemplate(3)), groups(serving(3), idleOld()), OptionalInt.of(0),
        true, OptionalInt.of(3), false);
    Step takeOver = QueryNodeGroups.plan(available);
    assertThat(takeOver.legacy()).isEqualTo(Legacy.DELETE);
    assertThat(takeOver.groups()).isEqualTo(plans(KEEP, 3, KEEP, 0));

    Input after = new Input(Optional.empty(), groups(serving(3), idleOld()), OptionalInt.of(0), true,
        OptionalInt.of(3), false);
    Step done = QueryNodeGroups.plan(after);
    assertThat(done.rolling()).isFalse();
    assertThat(done.settled()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void anAutoscaledGroupKeepsItsCountAndTheNewGroupStartsAtThatCount() {
    Input hpa = new Input(Optional.empty(), groups(servingOldTemplate(5), idleOld()), OptionalInt.of(0), false,
        OptionalInt.empty(), false);
    Step step = QueryNodeGroups.plan(hpa);
    assertThat(step.groups().get(1)).isEqualTo(GroupPlan.of(TARGET, 5));
    assertThat(step.groups().get(0)).isEqualTo(GroupPlan.of(KEEP, 5));

    Input atRest = new Input(Optional.empty(), groups(serving(5), idleOld()), OptionalInt.of(0), false,
        OptionalInt.empty(), false);
    assertThat(QueryNodeGroups.plan(atRest).groups().get(0).replicas()).as("the autoscaler's count").isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theAnnotationValueIsReadStrictly() {
    assertThat(QueryNodeGroups.parseGroup("1")).hasValue(1);
    assertThat(QueryNodeGroups.parseGroup("0")).hasValue(0);
    assertThat(QueryNodeGroups.parseGroup("2")).isEmpty();
    assertThat(QueryNodeGroups.parseGroup(null)).isEmpty();
  }
}
