package io.milvus.operator.rollout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure: upstream's rolling mode 2, the default of a cluster Milvus. queryNode runs as two Deployments, groups 0 and 1
 * ({@code <cr>-milvus-querynode-0|1}); the Milvus annotation {@value #CURRENT_GROUP} names the group that serves, or
 * that a rollout moves to, and the Milvus label {@value #ROLLING_ID} marks a rollout in progress, as upstream keeps
 * them, so either operator can pick up the other's half-done rollout.
 *
 * <p>A new pod template never replaces serving pods in place: it goes into the idle group, which is scaled up to the
 * serving count; only when all its pods are available is the old group scaled to 0. queryNode capacity never drops
 * (the cost is a surge of one full set of queryNode pods). The idle group keeps the previous template, so going back
 * to it is the same swap. Each call decides the next step from what exists, so a restarted operator resumes.
 *
 * <p>A Milvus made by this project's earlier releases has one queryNode Deployment ({@code <cr>-milvus-querynode}). It
 * stays so until its template must change (a rollout the user asks for); then group 0 starts on the new template next
 * to it, and the single Deployment is deleted once group 0 is available: the move costs no capacity and no extra
 * restart.
 */
public final class QueryNodeGroups {

  /** Label on each group's Deployment, selector and pods: {@code "0"} or {@code "1"}. */
  public static final String GROUP_ID = "milvus.io/querynode-group-id";
  /** Milvus annotation: the group that serves, or that the rollout in progress moves to. */
  public static final String CURRENT_GROUP = "milvus.io/querynode-current-group-id";
  /** Milvus label, present while a rollout moves queryNode between groups: the generation that started it. */
  public static final String ROLLING_ID = "milvus.io/querynode-rolling-id";
  /** Deployment annotation: the Milvus generation whose spec last wrote the group's pod template. */
  public static final String GENERATION = "milvus.io/generation";
  /** The image an idle group is created with when the spec names no {@code dummyImage}, as upstream. */
  public static final String DEFAULT_IDLE_IMAGE = "dummy";

  private QueryNodeGroups() {}

  /**
   * A queryNode Deployment as it is.
   *
   * @param replicas its {@code spec.replicas}
   * @param pods the pods it still has ({@code status.replicas})
   * @param onTarget its pod template is the one the spec asks for in this step of the rollout
   * @param complete its rollout completed: every pod it wants runs its template and is available
   */
  public record Group(int replicas, int pods, boolean onTarget, boolean complete) {}

  /**
   * @param legacy the single Deployment of an earlier release, if it exists
   * @param groups the group Deployments that exist, by group id (0, 1)
   * @param current the group the Milvus annotation names, if any
   * @param rolling whether the Milvus carries the rolling label
   * @param wanted the replicas the spec asks for; empty when an autoscaler owns the count ({@code replicas: -1})
   * @param force {@code imageUpdateMode: force}: the old group goes at once, without waiting for the new one
   */
  public record Input(Optional<Group> legacy, Map<Integer, Group> groups, OptionalInt current, boolean rolling,
      OptionalInt wanted, boolean force) {}

  /** Which pod template a group's Deployment gets in this step. */
  public enum Template {
    /** The template the spec asks for. */
    TARGET,
    /** The template it has: a group that serves, or keeps the previous template to go back to. */
    KEEP,
    /** A new idle group: the spec's template with the dummy image, at 0 replicas. */
    IDLE
  }

  /** @param replicas the count to write; empty keeps the live count (an autoscaler's) */
  public record GroupPlan(Template template, OptionalInt replicas) {
    static GroupPlan of(Template template, int replicas) {
      return new GroupPlan(template, OptionalInt.of(replicas));
    }
  }

  /** What becomes of an earlier release's single queryNode Deployment. */
  public enum Legacy {
    /** There is none. */
    NONE,
    /** It is the only queryNode Deployment and its template need not change: it stays as it is, rendered as before. */
    ALONE,
    /** It serves, untouched, while group 0 starts next to it. */
    HOLD,
    /** Group 0 has taken over: it goes. */
    DELETE
  }

  /**
   * The next step.
   *
   * @param groups the group Deployments to have, by id (empty with {@link Legacy#ALONE})
   * @param current the group the annotation names after this step
   * @param rolling whether a rollout is still in progress after this step
   * @param settled the serving group runs the target template, all available, and no other queryNode pod is left
   * @param summary what this step does, for the log and the status
   */
  public record Step(Map<Integer, GroupPlan> groups, Legacy legacy, int current, boolean rolling, boolean settled,
      String summary) {}

  public static Step plan(Input in) {
    if (in.groups().isEmpty()) {
      return in.legacy().map(l -> fromLegacy(in, l)).orElseGet(() -> fresh(in));
    }
    int current = current(in.groups(), in.current());
    int other = 1 - current;
    Group serving = in.groups().getOrDefault(current, new Group(0, 0, false, false));
    Group old = in.groups().get(other);
    int count = in.wanted().orElse(Math.max(1, Math.max(serving.replicas(),
        in.legacy().map(Group::replicas).orElse(0))));
    Map<Integer, GroupPlan> groups = new LinkedHashMap<>();
    if (count == 0) {
      return stopped(in, current, serving, old);
    }
    if (in.legacy().isPresent()) {
      return replacingLegacy(in, current, serving, old, count);
    }
    boolean moving = in.rolling() || old != null && (old.replicas() > 0 || old.pods() > 0);
    if (!moving) {
      if (serving.onTarget()) {
        put(groups, current, Template.KEEP, count, in);
        putIdle(groups, other, old);
        return new Step(groups, Legacy.NONE, current, false, serving.complete() && serving.replicas() == count,
            serving.complete() ? "group " + current + " serves" : "group " + current + " scales to " + count);
      }
      if (serving.replicas() == 0 && serving.pods() == 0) {
        // nothing serves (a new or stopped Milvus): the template changes in place, costing nothing
        put(groups, current, Template.TARGET, count, in);
        putIdle(groups, other, old);
        return new Step(groups, Legacy.NONE, current, false, false,
            "group " + current + " starts on the new template");
      }
      groups.put(current, keepCount(serving));
      put(groups, other, Template.TARGET, count, in);
      return new Step(groups, Legacy.NONE, other, true, false, "new template: group " + other + " scales up to "
          + count + " next to group " + current + ", which serves until it is available");
    }
    // a rollout moves queryNode from `other` (old) to `current`
    if (!serving.onTarget()) {
      if (old != null && old.onTarget()) {
        // the spec went back to what the old group runs: swap back the same way
        groups.put(current, keepCount(serving));
        groups.put(other, GroupPlan.of(Template.KEEP, count));
        return new Step(groups, Legacy.NONE, other, true, false, "the spec went back to group " + other
            + "'s template: it scales up to " + count + " while group " + current + " serves");
      }
      if (old != null && old.replicas() > 0) {
        // the old group still holds the full capacity: the group taking over moves to the newest template in place
        put(groups, current, Template.TARGET, count, in);
        groups.put(other, keepCount(old));
        return new Step(groups, Legacy.NONE, current, true, false, "the template changed again mid-rollout: group "
            + current + " moves to it while group " + other + " serves");
      }
      // the old group is down to its last terminating pods: finish this swap before the next one
      groups.put(current, keepCount(serving));
      groups.put(other, atZero(old));
      return new Step(groups, Legacy.NONE, current, old != null && old.pods() > 0, false,
          "waiting for group " + other + "'s pods to terminate before the next rollout");
    }
    boolean takenOver = serving.complete() && serving.replicas() >= count;
    put(groups, current, Template.KEEP, count, in);
    boolean oldGoes = in.force() || takenOver;
    groups.put(other, oldGoes ? atZero(old) : keepCount(old));
    boolean oldGone = old == null || old.replicas() == 0 && old.pods() == 0;
    boolean done = takenOver && oldGone;
    String summary = done ? "group " + current + " serves; the rollout is complete"
        : !takenOver ? "group " + current + " scales up to " + count + "; group " + other + " serves until then"
        : "group " + current + " is available: group " + other + " scales to 0";
    return new Step(groups, Legacy.NONE, current, !done, done, summary);
  }

  /**
   * The group that serves: the one the annotation names when it exists, else the one with replicas (made by hand, or
   * the annotation lost), else group 0.
   */
  public static int current(Map<Integer, Group> groups, OptionalInt annotated) {
    if (annotated.isPresent() && groups.containsKey(annotated.getAsInt())) {
      return annotated.getAsInt();
    }
    return groups.entrySet().stream()
        .filter(e -> e.getValue().replicas() > 0)
        .sorted((a, b) -> Boolean.compare(b.getValue().onTarget(), a.getValue().onTarget()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(groups.containsKey(0) || groups.isEmpty() ? 0 : 1);
  }

  /** Parses the annotation's value; anything but 0 or 1 counts as absent. */
  public static OptionalInt parseGroup(String value) {
    return "0".equals(value) ? OptionalInt.of(0) : "1".equals(value) ? OptionalInt.of(1) : OptionalInt.empty();
  }

  private static Step fresh(Input in) {
    Map<Integer, GroupPlan> groups = new LinkedHashMap<>();
    groups.put(0, GroupPlan.of(Template.TARGET, in.wanted().orElse(1)));
    groups.put(1, GroupPlan.of(Template.IDLE, 0));
    return new Step(groups, Legacy.NONE, 0, false, false, "creating queryNode groups 0 (serving) and 1 (idle)");
  }

  private static Step fromLegacy(Input in, Group legacy) {
    if (legacy.onTarget()) {
      return new Step(Map.of(), Legacy.ALONE, 0, false, legacy.complete(),
          "one queryNode Deployment (made by an earlier release); it moves to two groups at the next rollout");
    }
    int count = in.wanted().orElse(Math.max(1, legacy.replicas()));
    Map<Integer, GroupPlan> groups = new LinkedHashMap<>();
    groups.put(0, GroupPlan.of(Template.TARGET, count));
    groups.put(1, GroupPlan.of(Template.IDLE, 0));
    return new Step(groups, count == 0 ? Legacy.DELETE : Legacy.HOLD, 0, count > 0, false,
        "moving queryNode to two groups: group 0 starts on the new template next to the single Deployment");
  }

  private static Step replacingLegacy(Input in, int current, Group serving, Group old, int count) {
    Map<Integer, GroupPlan> groups = new LinkedHashMap<>();
    put(groups, current, serving.onTarget() ? Template.KEEP : Template.TARGET, count, in);
    putIdle(groups, 1 - current, old);
    boolean takenOver = serving.onTarget() && serving.complete() && serving.replicas() >= count;
    if (takenOver || in.force()) {
      return new Step(groups, Legacy.DELETE, current, !takenOver, false,
          "group " + current + " has taken over: the single queryNode Deployment is removed");
    }
    return new Step(groups, Legacy.HOLD, current, true, false, "group " + current + " scales up to " + count
        + "; the single queryNode Deployment serves until then");
  }

  private static Step stopped(Input in, int current, Group serving, Group old) {
    Map<Integer, GroupPlan> groups = new LinkedHashMap<>();
    groups.put(current, GroupPlan.of(serving.onTarget() ? Template.KEEP : Template.TARGET, 0));
    groups.put(1 - current, atZero(old));
    boolean down = serving.pods() == 0 && (old == null || old.pods() == 0);
    return new Step(groups, in.legacy().isPresent() ? Legacy.DELETE : Legacy.NONE, current, false, down,
        "queryNode is stopped");
  }

  private static void put(Map<Integer, GroupPlan> groups, int id, Template template, int count, Input in) {
    groups.put(id, new GroupPlan(template, in.wanted().isPresent() || template == Template.TARGET
        ? OptionalInt.of(count) : OptionalInt.empty()));
  }

  /** The other group at rest: as it is at 0, or created idle. */
  private static void putIdle(Map<Integer, GroupPlan> groups, int id, Group existing) {
    groups.put(id, atZero(existing));
  }

  /** A group as it is; one deleted by hand comes back idle. */
  private static GroupPlan keepCount(Group group) {
    return group == null ? GroupPlan.of(Template.IDLE, 0) : GroupPlan.of(Template.KEEP, group.replicas());
  }

  private static GroupPlan atZero(Group group) {
    return GroupPlan.of(group == null ? Template.IDLE : Template.KEEP, 0);
  }
}
