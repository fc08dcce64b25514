package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.reconcile.OperatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags of {@code run} reach the reconcilers' settings. */
class RunOptionsTest {

  @Test
  void theMetaMigrationJobDeadlineIsAFlag() {
    OperatorSettings settings = parse("--upgrade-job-deadline", "PT20M");

    assertThat(settings.upgrade().taskDeadline()).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void withoutFlagsTheStandardSettingsApply() {
    OperatorSettings settings = parse();

    assertThat(settings.upgrade()).isEqualTo(OperatorSettings.standard().upgrade());
    assertThat(settings.upgrade().taskDeadline()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.rolloutDeadline()).isEqualTo(OperatorSettings.standard().rolloutDeadline());
  }

  @Test
  void hopImagesReachTheWalkAndTheMilvusUpgradeAlike() {
    OperatorSettings settings = parse("--upgrade-hop-image", "registry.corp/milvus:v2.5.20,registry.corp/milvus:v2.4.24");

    MilvusVersion v2520 = MilvusVersion.parse("v2.5.20").orElseThrow();
    assertThat(settings.upgradePaths().latestPatchOf(v2520)).hasValue(v2520);
    assertThat(settings.upgradePaths().hopImage(v2520, "milvusdb/milvus:v2.6.11"))
        .isEqualTo("registry.corp/milvus:v2.5.20");
    assertThat(settings.upgrade().paths()).isEqualTo(settings.upgradePaths());
  }

  @Test
  void aHopImageWithoutAVersionTagIsRefusedNamingTheFlag() {
    assertThatThrownBy(() -> parse("--upgrade-hop-image", "registry.corp/milvus:latest"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--upgrade-hop-image", "registry.corp/milvus:latest");
  }

  private static OperatorSettings parse(String... args) {
    Main.Run run = new Main.Run();
    new CommandLine(run).parseArgs(args);
    return run.settings();
  }
}
