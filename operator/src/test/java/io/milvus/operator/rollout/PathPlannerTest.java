package io.milvus.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.MilvusVersion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plans the shipped rules give: the table is the documentation's table (docs/upgrade-paths.md). */
class PathPlannerTest {

  private static final UpgradePaths RULES = UpgradePaths.standard();

  @ParameterizedTest(name = "{0} -> {1} ({2}{3}{4}): {5}")
  @CsvSource(delimiter = '|', textBlock = """
      # from  | to      | policy      | cluster with separate coordinators | migrated | the plan, or: refused <words>
      2.4.5   | 2.6.11  | recommended | false | false | v2.4.23 > v2.5.26 > v2.6.11
      2.4.5   | 2.6.11  | required    | false | false | v2.5.26 > v2.6.11
      2.4.5   | 2.6.11  | refuse      | false | false | refused v2.5.16
      2.4.5   | 2.6.11  | recommended | true  | false | v2.4.23 > v2.5.26 > v2.5.26 mixCoord > v2.6.11
      2.4.5   | 2.6.11  | required    | true  | false | v2.5.26 > v2.5.26 mixCoord > v2.6.11
      2.5.16  | 2.6.11  | required    | true  | false | v2.5.16 mixCoord > v2.6.11
      2.5.16  | 2.6.11  | recommended | true  | false | v2.5.26 > v2.5.26 mixCoord > v2.6.11
      2.5.20  | 2.6.5   | required    | false | false | v2.6.5
      2.5.20  | 2.6.5   | recommended | false | false | v2.5.26 > v2.6.5
      2.5.26  | 2.6.5   | recommended | false | false | v2.6.5
      2.5.4   | 2.5.16  | recommended | false | false | v2.5.16
      2.4.5   | 2.4.23  | recommended | false | false | v2.4.23
      2.4.23  | 2.5.16  | recommended | false | false | v2.5.16
      2.3.5   | 2.5.16  | recommended | false | false | v2.3.21 > v2.4.23 > v2.5.16
      2.3.5   | 2.5.16  | required    | false | false | v2.5.16
      2.2.3   | 2.6.11  | recommended | true  | false | v2.2.16 > v2.3.21 > v2.4.23 > v2.5.26 > v2.5.26 mixCoord > v2.6.11
      2.4.30  | 2.5.26  | recommended | false | false | v2.5.26
      2.1.4   | 2.4.23  | recommended | false | false | refused MilvusUpgrade
      2.1.4   | 2.4.23  | required    | false | true  | v2.4.23
      2.1.4   | 2.5.26  | required    | true  | true  | v2.5.26
      2.1.4   | 2.6.11  | required    | true  | true  | v2.5.26 > v2.5.26 mixCoord > v2.6.11
      2.6.11  | 2.6.11  | recommended | false | false | nothing
      2.4.23  | 2.4.5   | recommended | false | false | v2.4.5
      2.5.26  | 2.3.5   | recommended | false | false | v2.4.23 > v2.3.21 > v2.3.5
      2.5.26  | 2.3.5   | required    | false | false | v2.3.5
      2.6.11  | 2.5.26  | recommended | false | false | refused cannot go back
      2.6.11  | 2.6.5   | recommended | false | false | v2.6.5
      2.4.23  | 2.1.4   | recommended | false | false | refused metadata layout
      """)
  void plans(String from, String to, String policy, boolean separate, boolean migrated, String expected) {
    UpgradePlan plan = PathPlanner.plan(RULES, new PathPlanner.Request(v(from), v(to),
        PathPolicy.of(policy).orElseThrow(), separate, migrated));

    if (expected.startsWith("refused ")) {
      assertThat(plan.hops()).isEmpty();
      assertThat(plan.refusal()).hasValueSatisfying(m -> assertThat(m).contains(expected.substring(8)));
    } else {
      assertThat(plan.refusal()).isEmpty();
      assertThat(describe(plan)).isEqualTo(expected);
    }
  }

  @Test
  void aDowngradeIsMarkedAsOne() {
    UpgradePlan plan = PathPlanner.plan(RULES, new PathPlanner.Request(v("2.4.23"), v("2.4.5"),
        PathPolicy.RECOMMENDED, false, false));

    assertThat(plan.downgrade()).isTrue();
  }

  @Test
  void aSiteMayStopOnAnotherPatchOfALine() {
    UpgradePaths mirrored = RULES.withLatestPatches(List.of(v("2.5.18")));

    UpgradePlan plan = PathPlanner.plan(mirrored, new PathPlanner.Request(v("2.4.5"), v("2.6.11"),
        PathPolicy.REQUIRED, false, false));

    assertThat(describe(plan)).isEqualTo("v2.5.18 > v2.6.11");
  }

  @Test
  void aRequiredStopNoReleaseCanMakeIsRefusedWithWhatToDo() {
    UpgradePaths tooOld = RULES.withLatestPatches(List.of(v("2.5.4")));

    UpgradePlan plan = PathPlanner.plan(tooOld, new PathPlanner.Request(v("2.4.5"), v("2.6.11"),
        PathPolicy.REQUIRED, false, false));

    assertThat(plan.refusal()).hasValueSatisfying(m -> assertThat(m).contains("--upgrade-hop-image", "v2.5.16"));
  }

  @Test
  void thePlanFromAnyStopIsTheRestOfThePlan() {
    // what makes a walk restartable: replanning from where Milvus stands never changes the remaining hops
    UpgradePlan whole = PathPlanner.plan(RULES, new PathPlanner.Request(v("2.2.3"), v("2.6.11"),
        PathPolicy.RECOMMENDED, false, false));
    for (int i = 0; i < whole.hops().size(); i++) {
      MilvusVersion at = whole.hops().get(i).version();
      UpgradePlan rest = PathPlanner.plan(RULES, new PathPlanner.Request(at, v("2.6.11"), PathPolicy.RECOMMENDED,
          false, false));
      assertThat(rest.hops()).isEqualTo(whole.hops().subList(i + 1, whole.hops().size()));
    }
  }

  /**
   * The user changes the target while some components already run the hop in progress ({@code moved}); the others
   * still run the last healthy version ({@code from}).
   */
  @ParameterizedTest(name = "running {0}, hop to {1} in progress, new target {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # from  | moved   | new target | the plan, or: refused <words>                | downgrade first
      2.4.23  | 2.5.26  | 2.6.5      | v2.5.26 > v2.6.5                             | false
      2.4.23  | 2.5.26  | 2.5.26     | v2.5.26                                      | false
      2.4.23  | 2.5.26  | 2.5.30     | v2.5.30                                      | false
      2.4.23  | 2.5.26  | 2.5.16     | v2.5.26 > v2.5.16                            | false
      2.3.21  | 2.4.23  | 2.4.5      | v2.4.23 > v2.4.5                             | false
      2.4.23  | 2.5.26  | 2.4.23     | v2.4.23                                      | true
      2.4.23  | 2.5.26  | 2.4.5      | v2.4.23 > v2.4.5                             | true
      2.5.26  | 2.6.11  | 2.5.30     | refused cannot go back                       | false
      2.5.26  | 2.6.11  | 2.5.26     | refused cannot go back                       | false
      2.4.23  | 2.4.5   | 2.4.10     | v2.4.5 > v2.4.10                             | true
      2.4.23  | 2.4.5   | 2.4.23     | v2.4.23                                      | false
      """)
  void aNewTargetDuringAHopNeverTakesAMovedComponentBackHalfWay(String from, String moved, String to,
      String expected, boolean downgradeFirst) {
    UpgradePlan plan = PathPlanner.replan(RULES, new PathPlanner.Request(v(from), v(to), PathPolicy.RECOMMENDED,
        false, false), v(moved));

    if (expected.startsWith("refused ")) {
      assertThat(plan.refusal()).hasValueSatisfying(m -> assertThat(m).contains(expected.substring(8), "v" + moved));
      return;
    }
    assertThat(plan.refusal()).isEmpty();
    assertThat(describe(plan)).isEqualTo(expected);
    assertThat(plan.downgrade()).as("the first hop moves components to an older version").isEqualTo(downgradeFirst);
  }

  private static String describe(UpgradePlan plan) {
    return plan.hops().isEmpty() ? "nothing"
        : plan.hops().stream().map(Hop::toString).collect(Collectors.joining(" > "));
  }

  private static MilvusVersion v(String text) {
    return MilvusVersion.parse(text).orElseThrow();
  }
}
