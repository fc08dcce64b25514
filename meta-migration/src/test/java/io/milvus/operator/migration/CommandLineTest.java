package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void acceptsGoStyleSpellingsOfTheConfigFlag() {
    for (String[] args : new String[][] {{"-config", "/c.yaml"}, {"-config=/c.yaml"}, {"--config", "/c.yaml"},
        {"--config=/c.yaml"}}) {
      assertThat(CommandLine.parse(args).configFile()).as(String.join(" ", args)).contains(Path.of("/c.yaml"));
    }
  }

  @Test
  void reportsMissingAndUnknownFlags() {
    assertThat(CommandLine.parse().configFile()).isEmpty();
    assertThat(CommandLine.parse("-config").error()).contains("flag needs an argument: -config");
    assertThat(CommandLine.parse("-verbose").error()).contains("flag provided but not defined: -verbose");
    assertThat(CommandLine.parse("-h").help()).isTrue();
  }

  @Test
  void exitCodesFollowUpstream() {
    assertThat(MetaMigration.execute()).isEqualTo(1); // "config not set"
    assertThat(MetaMigration.execute("-bogus")).isEqualTo(2); // Go's flag package
    assertThat(MetaMigration.execute("-config", "/nonexistent/migration.yaml")).isEqualTo(1);
  }
}
