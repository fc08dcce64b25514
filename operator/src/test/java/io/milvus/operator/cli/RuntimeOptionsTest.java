package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.observability.BindAddress;
import io.milvus.operator.observability.LogFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags upstream's manager has, as the chart passes them to {@code milvus-operator run}. */
class RuntimeOptionsTest {

  @Test
  void theChartsFlagsParse() {
    RuntimeOptions options = parse("--metrics-bind-address=:8080", "--health-probe-bind-address=:8081",
        "--leader-elect", "--leader-election-namespace=milvus-operator", "--log-format=json");

    assertThat(options.metricsAddress()).contains(new BindAddress("", 8080));
    assertThat(options.healthAddress()).contains(new BindAddress("", 8081));
    assertThat(options.format()).isEqualTo(LogFormat.JSON);
    assertThat(new OperatorRuntime(options).leaderElection()).hasValueSatisfying(config -> {
      assertThat(config.getLeaseName()).isEqualTo("71808ec5.milvus.io");
      assertThat(config.getLeaseNamespace()).contains("milvus-operator");
    });
  }

  @Test
  void withoutFlagsTheEndpointsAreUpstreamsAndThereIsNoLeaderElection() {
    RuntimeOptions options = parse();

    assertThat(options.metricsAddress()).contains(new BindAddress("", 8080));
    assertThat(options.healthAddress()).contains(new BindAddress("", 8081));
    assertThat(options.format()).isEqualTo(LogFormat.TEXT);
    assertThat(new OperatorRuntime(options).leaderElection()).isEmpty();
  }

  @Test
  void anUnknownLogFormatIsRefused() {
    assertThatThrownBy(() -> parse("--log-format=xml").format()).hasMessageContaining("xml");
  }

  private static RuntimeOptions parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.options;
  }

  @CommandLine.Command
  static final class Holder {
    @CommandLine.Mixin
    RuntimeOptions options = new RuntimeOptions();
  }
}
