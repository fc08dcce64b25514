package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static OperatorSettings parse(String... args) {
    Main.Run run = new Main.Run();
    new CommandLine(run).parseArgs(args);
    return run.settings();
  }
}
