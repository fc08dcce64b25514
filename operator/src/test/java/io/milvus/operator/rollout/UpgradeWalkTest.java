package io.milvus.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image each reconcile moves a Milvus to, from where it runs and what was asked. */
class UpgradeWalkTest {

  private static final UpgradePaths RULES = UpgradePaths.standard();

  @ParameterizedTest(name = "running {0}, asked {1}, annotation {2}: {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # running                       | requested                          | upgrade-path | image now
      -                               | milvusdb/milvus:v2.6.11            | -            | milvusdb/milvus:v2.6.11
      milvusdb/milvus:v2.4.5          | milvusdb/milvus:v2.6.11            | -            | milvusdb/milvus:v2.4.23
      milvusdb/milvus:v2.4.23         | milvusdb/milvus:v2.6.11            | -            | milvusdb/milvus:v2.5.26
      milvusdb/milvus:v2.5.26         | milvusdb/milvus:v2.6.11            | -            | milvusdb/milvus:v2.6.11
      milvusdb/milvus:v2.4.5          | milvusdb/milvus:v2.6.11            | required     | milvusdb/milvus:v2.5.26
      milvusdb/milvus:v2.6.11         | milvusdb/milvus:v2.6.11            | -            | milvusdb/milvus:v2.6.11
      mirror.local:5000/milvus:v2.4.5 | mirror.local:5000/milvus:v2.6.11   | -            | mirror.local:5000/milvus:v2.4.23
      milvusdb/milvus:v2.4.5          | milvusdb/milvus:v2.6.11@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | - | milvusdb/milvus:v2.4.23
      milvusdb/milvus:v2.4.5          | milvusdb/milvus:latest             | -            | milvusdb/milvus:latest
      """)
  void theImageOfThisReconcile(String running, String requested, String policy, String expected) {
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input(requested, null, running, policy(policy), false,
        false, false, List.of()));

    assertThat(walk.refusal()).isEmpty();
    assertThat(walk.effectiveImage()).isEqualTo(expected);
  }

  @Test
  void refuseKeepsTodaysRefusal() {
    UpgradeWalk walk = walk("milvusdb/milvus:v2.4.23", "milvusdb/milvus:v2.6.11", "refuse", false);

    assertThat(walk.refusal()).hasValueSatisfying(m -> assertThat(m).contains("v2.5.16"));
  }

  @Test
  void anUnknownPolicyIsAProblemOfItsOwnNamingEveryValueAndNotTheUnsafeOverride() {
    assertThat(PathPolicy.problem("milvus.io/upgrade-path", "fastest")).hasValueSatisfying(m -> assertThat(m)
        .contains("milvus.io/upgrade-path: \"fastest\"", "recommended (", "required (", "refuse (",
            "Nothing was changed").doesNotContain("allow-unsafe-upgrade"));
    assertThat(PathPolicy.problem("milvus.io/upgrade-path", "required")).isEmpty();
    assertThat(PathPolicy.problem("milvus.io/upgrade-path", null)).as("absent: the default").isEmpty();
  }

  @Test
  void theUnsafeOverrideJumpsStraightThereAndSaysWhatItOverrode() {
    UpgradeWalk walk = walk("milvusdb/milvus:v2.4.23", "milvusdb/milvus:v2.6.11", null, true);

    assertThat(walk.effectiveImage()).isEqualTo("milvusdb/milvus:v2.6.11");
    assertThat(walk.multiHop()).isFalse();
    assertThat(walk.overriddenRefusal()).hasValueSatisfying(m -> assertThat(m).contains("v2.5.16"));
  }

  @Test
  void afterAMigrationOnlyRequiredHopsAreWalked() {
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input("milvusdb/milvus:v2.6.11", null,
        "milvusdb/milvus:v2.1.4", PathPolicy.RECOMMENDED, true, true, false, List.of()));

    assertThat(walk.plan().hops()).extracting(Hop::toString).containsExactly("v2.5.26", "v2.6.11");
    assertThat(walk.overriddenRefusal()).as("the rule the migration met, told when the components roll")
        .hasValueSatisfying(m -> assertThat(m).contains("metadata layout"));
  }

  @Test
  void theEffectiveSpecCarriesTheHopImageAndLeavesTheUsersSpecAlone() {
    MilvusSpec requested = new MilvusSpec();
    requested.setComponents(new MilvusComponents());
    requested.getComponents().setImage("milvusdb/milvus:v2.6.11");
    UpgradeWalk walk = walk("milvusdb/milvus:v2.4.5", "milvusdb/milvus:v2.6.11", null, false);

    MilvusSpec effective = walk.effectiveSpec(requested);

    assertThat(effective.getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(requested.getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.6.11");
  }

  @Test
  void theMixCoordStepRunsTheRunningImageWithOneCoordinator() {
    MilvusSpec requested = new MilvusSpec();
    requested.setMode("cluster");
    requested.setComponents(new MilvusComponents());
    requested.getComponents().setImage("milvusdb/milvus:v2.6.11");
    requested.getComponents().setRootCoord(new Component());
    requested.getComponents().setQueryCoord(new Component());
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input("milvusdb/milvus:v2.6.11", null,
        "milvusdb/milvus:v2.5.26", PathPolicy.DEFAULT, false, false, true, List.of()));

    MilvusSpec effective = walk.effectiveSpec(requested);

    assertThat(walk.mergingCoordinators()).isTrue();
    assertThat(effective.getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.5.26");
    assertThat(effective.getComponents().getRootCoord()).isNull();
    assertThat(effective.getComponents().getQueryCoord()).isNull();
  }

  @Test
  void aNearerTargetDuringAHopLetsTheHopFinishOnTheImageItsComponentsRun() {
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input("milvusdb/milvus:v2.5.16", null,
        "milvusdb/milvus:v2.4.23", PathPolicy.DEFAULT, false, false, false,
        List.of("milvusdb/milvus:v2.4.23", "mirror.local/milvus:v2.5.26")));

    assertThat(walk.plan().hops()).extracting(Hop::toString).containsExactly("v2.5.26", "v2.5.16");
    assertThat(walk.effectiveImage()).isEqualTo("mirror.local/milvus:v2.5.26");
    assertThat(walk.plan().downgrade()).isFalse();
  }

  @Test
  void backToTheRunningVersionDuringAHopBringsTheMovedComponentsBackInReverseOrder() {
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input("milvusdb/milvus:v2.4.23", null,
        "milvusdb/milvus:v2.4.23", PathPolicy.DEFAULT, false, false, false,
        List.of("milvusdb/milvus:v2.4.23", "milvusdb/milvus:v2.5.26")));

    assertThat(walk.plan().hops()).extracting(Hop::toString).containsExactly("v2.4.23");
    assertThat(walk.effectiveImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(walk.plan().downgrade()).as("the moved components go back: reverse order").isTrue();
  }

  @Test
  void anUnmovedMilvusPlansAsAlways() {
    UpgradeWalk walk = UpgradeWalk.of(RULES, new UpgradeWalk.Input("milvusdb/milvus:v2.6.11", null,
        "milvusdb/milvus:v2.4.23", PathPolicy.DEFAULT, false, false, false, List.of("milvusdb/milvus:v2.4.23")));

    assertThat(walk.plan().hops()).extracting(Hop::toString).containsExactly("v2.5.26", "v2.6.11");
  }

  @Test
  void aConfiguredHopImageIsUsedAsWritten() {
    UpgradePaths site = RULES.withHopImages(List.of("registry.corp/ai/milvus:v2.5.20"));

    UpgradeWalk walk = UpgradeWalk.of(site, new UpgradeWalk.Input("milvusdb/milvus:v2.6.11", null,
        "milvusdb/milvus:v2.5.4", PathPolicy.REQUIRED, false, false, false, List.of()));

    assertThat(walk.effectiveImage()).isEqualTo("registry.corp/ai/milvus:v2.5.20");
  }

  private static UpgradeWalk walk(String running, String requested, String policy, boolean unsafe) {
    return UpgradeWalk.of(RULES, new UpgradeWalk.Input(requested, null, running, policy(policy), unsafe, false,
        false, List.of()));
  }

  private static PathPolicy policy(String annotation) {
    return annotation == null ? PathPolicy.DEFAULT : PathPolicy.of(annotation).orElseThrow();
  }
}
