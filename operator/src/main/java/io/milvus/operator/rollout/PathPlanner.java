package io.milvus.operator.rollout;

import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.rollout.UpgradePaths.Need;
import io.milvus.operator.rollout.UpgradePaths.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pure: the hops from the version Milvus runs to the one requested, by the rules of {@link UpgradePaths}. It keeps no
 * state: called again from wherever Milvus stands, it gives the rest of the same path, so a walk survives an operator
 * restart and a changed target is planned afresh from the last healthy version.
 */
public final class PathPlanner {

  private PathPlanner() {}

  /**
   * @param separateCoordinators whether the cluster runs root/data/query/index coordinators as their own Deployments
   * @param metadataMigrated whether a MilvusUpgrade migrated the metadata, so the migration rule is met
   */
  public record Request(MilvusVersion from, MilvusVersion to, PathPolicy policy, boolean separateCoordinators,
      boolean metadataMigrated) {}

  public static UpgradePlan plan(UpgradePaths rules, Request r) {
    int direction = r.to().compareTo(r.from());
    if (direction == 0) {
      return UpgradePlan.nothingToDo();
    }
    return direction < 0 ? downgrade(rules, r) : upgrade(rules, r);
  }

  private static UpgradePlan upgrade(UpgradePaths rules, Request r) {
    MilvusVersion from = r.from();
    MilvusVersion to = r.to();
    Optional<Rule> migration = applying(rules, Need.MIGRATION, from, to);
    if (migration.isPresent() && !r.metadataMigrated()) {
      return UpgradePlan.refused(migration.get().explain(from, to), false);
    }
    if (r.policy() == PathPolicy.REFUSE) {
      return applying(rules, Need.HOP, from, to)
          .map(rule -> UpgradePlan.refused(rule.explain(from, to), false))
          .orElseGet(() -> new UpgradePlan(List.of(Hop.rolling(to)), Optional.empty(), false));
    }
    TreeSet<MilvusVersion> stops = new TreeSet<>();
    if (r.policy() == PathPolicy.RECOMMENDED) {
      stops.addAll(recommendedStops(rules, from, to));
    }
    Optional<String> missing = addRequiredStops(rules, from, to, stops);
    if (missing.isPresent()) {
      return UpgradePlan.refused(missing.get(), false);
    }
    // the shape changes at the last stop where a rule wants it, so the cluster keeps its shape for as long as it can
    List<MilvusVersion> standings = new ArrayList<>();
    standings.add(from);
    standings.addAll(stops);
    int mixCoordAt = -1;
    for (int i = 0; i < standings.size() && r.separateCoordinators(); i++) {
      if (needsMixCoordAt(rules, standings.get(i), to)) {
        mixCoordAt = i;
      }
    }
    List<Hop> hops = new ArrayList<>();
    for (int i = 0; i < standings.size(); i++) {
      if (i > 0) {
        hops.add(Hop.rolling(standings.get(i)));
      }
      if (i == mixCoordAt) {
        hops.add(Hop.mixCoord(standings.get(i)));
      }
    }
    hops.add(Hop.rolling(to));
    return new UpgradePlan(hops, Optional.empty(), false);
  }

  /**
   * The reverse of the upgrade path, where Milvus can go back at all: the stops of the path from {@code to} up to
   * {@code from}, taken downwards.
   */
  private static UpgradePlan downgrade(UpgradePaths rules, Request r) {
    Optional<String> refusal = rules.downgradeRefusal(r.from(), r.to());
    if (refusal.isPresent()) {
      return UpgradePlan.refused(refusal.get(), true);
    }
    if (r.policy() == PathPolicy.REFUSE) {
      return new UpgradePlan(List.of(Hop.rolling(r.to())), Optional.empty(), true);
    }
    UpgradePlan up = upgrade(rules, new Request(r.to(), r.from(), r.policy(), false, true));
    if (up.refusal().isPresent()) {
      return UpgradePlan.refused(up.refusal().get(), true);
    }
    List<Hop> hops = new ArrayList<>();
    List<Hop> upwards = up.hops();
    for (int i = upwards.size() - 2; i >= 0; i--) {
      hops.add(upwards.get(i));
    }
    hops.add(Hop.rolling(r.to()));
    return new UpgradePlan(hops, Optional.empty(), true);
  }

  /**
   * The plan when some components already run {@code movedTo} (a hop in progress when the target changed) while the
   * others still run {@code r.from()}, the last healthy version. Planned from there as always, except that the moved
   * components never go back half-way: a new target whose first hop lies between the two versions lets the hop in
   * progress finish, then goes on from it; a target back at the last healthy version (or beyond it) first brings the
   * moved components back, which undoes the hop (the way out of a hop that stalls), unless Milvus cannot go back from
   * the hop's version (a 2.6 hop). A target at or past the hop in progress simply continues: nothing moved runs again.
   */
  public static UpgradePlan replan(UpgradePaths rules, Request r, MilvusVersion movedTo) {
    UpgradePlan plan = plan(rules, r);
    MilvusVersion from = r.from();
    int direction = movedTo.compareTo(from);
    if (direction == 0 || plan.refusal().isPresent()) {
      return plan;
    }
    MilvusVersion first = plan.current().map(Hop::version).orElse(from);
    boolean back = Integer.signum(first.compareTo(movedTo)) == -direction;
    if (!back) {
      return plan;
    }
    List<Hop> hops = new ArrayList<>();
    if (Integer.signum(first.compareTo(from)) == direction) {
      // between the two: the hop in progress finishes, then the rest is planned from where it stands
      UpgradePlan onward = plan(rules, new Request(movedTo, r.to(), r.policy(), r.separateCoordinators(),
          r.metadataMigrated()));
      if (onward.refusal().isPresent()) {
        return UpgradePlan.refused("Some components already run " + movedTo + " (the hop in progress), which "
            + r.to() + " would take back half-way; from " + movedTo + ": " + onward.refusal().get(),
            onward.downgrade());
      }
      hops.add(Hop.rolling(movedTo));
      hops.addAll(onward.hops());
      return new UpgradePlan(hops, Optional.empty(), direction < 0);
    }
    // back to the last healthy version, or past it: the moved components come back first, where Milvus can go back
    Optional<String> noWayBack = direction > 0 ? rules.downgradeRefusal(movedTo, from) : Optional.empty();
    if (noWayBack.isPresent()) {
      return UpgradePlan.refused("Some components already run " + movedTo + " (the hop in progress): "
          + noWayBack.get(), true);
    }
    hops.add(Hop.rolling(from));
    hops.addAll(plan.hops());
    return new UpgradePlan(hops, Optional.empty(), direction > 0);
  }

  /** The latest patch of the running line, then of every line in between, as Milvus's upgrade guide recommends. */
  private static List<MilvusVersion> recommendedStops(UpgradePaths rules, MilvusVersion from, MilvusVersion to) {
    List<MilvusVersion> stops = new ArrayList<>();
    rules.latestPatchOf(from).filter(v -> v.compareTo(from) > 0 && v.compareTo(to) < 0 && !v.sameMinor(to))
        .ifPresent(stops::add);
    rules.latestPatches().stream()
        .filter(v -> v.compareTo(from) > 0 && v.compareTo(to) < 0 && !v.sameMinor(from) && !v.sameMinor(to))
        .forEach(stops::add);
    return stops;
  }

  /**
   * Adds a stop for every rule a leg of the path still breaks, until none does. Returns why a rule cannot be met when
   * the operator knows no release to stop on.
   */
  private static Optional<String> addRequiredStops(UpgradePaths rules, MilvusVersion from, MilvusVersion to,
      TreeSet<MilvusVersion> stops) {
    boolean added = true;
    while (added) {
      added = false;
      List<MilvusVersion> chain = new ArrayList<>();
      chain.add(from);
      chain.addAll(stops);
      chain.add(to);
      for (int i = 0; i + 1 < chain.size() && !added; i++) {
        MilvusVersion a = chain.get(i);
        Optional<Rule> broken = applying(rules, Need.HOP, a, chain.get(i + 1));
        if (broken.isPresent()) {
          Rule rule = broken.get();
          Optional<MilvusVersion> stop = rules.latestBelow(rule.toAtLeast())
              .filter(v -> v.compareTo(rule.fromBelow()) >= 0 && v.compareTo(a) > 0);
          if (stop.isEmpty()) {
            return Optional.of(rule.explain(from, to) + " The operator knows no release from " + rule.fromBelow()
                + " and before " + rule.toAtLeast() + " to stop on: name one with --upgrade-hop-image.");
          }
          stops.add(stop.get());
          added = true;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code at} is the stop of a rule that wants one mixCoord there, on the way to {@code to}. */
  private static boolean needsMixCoordAt(UpgradePaths rules, MilvusVersion at, MilvusVersion to) {
    return rules.rules().stream().anyMatch(rule -> rule.need() == Need.HOP && rule.mixCoordAtHop()
        && at.compareTo(rule.fromBelow()) >= 0 && at.compareTo(rule.toAtLeast()) < 0
        && to.compareTo(rule.toAtLeast()) >= 0);
  }

  private static Optional<Rule> applying(UpgradePaths rules, Need need, MilvusVersion from, MilvusVersion to) {
    return rules.rules().stream().filter(rule -> rule.need() == need && rule.appliesTo(from, to)).findFirst();
  }
}
