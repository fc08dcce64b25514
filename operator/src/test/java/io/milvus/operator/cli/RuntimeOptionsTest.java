package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.observability.BindAddress;
import io.milvus.operator.observability.LogFormat;
import java.time.Duration;
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
  void theLeaseTimingsAndIdentityAreTheReplicasOwn() {
    RuntimeOptions options = parse("--leader-elect", "--leader-election-identity=operator-0",
        "--leader-elect-lease-duration=PT4S", "--leader-elect-renew-deadline=PT3S", "--leader-elect-retry-period=PT0.5S");

    assertThat(new OperatorRuntime(options).leaderElection()).hasValueSatisfying(config -> {
      assertThat(config.getIdentity()).contains("operator-0");
      assertThat(config.getLeaseDuration()).isEqualTo(Duration.ofSeconds(4));
      assertThat(config.getRenewDeadline()).isEqualTo(Duration.ofSeconds(3));
      assertThat(config.getRetryPeriod()).isEqualTo(Duration.ofMillis(500));
      assertThat(config.isExitOnStopLeading()).as("the runtime decides, outside any shutdown hook").isFalse();
    });
  }

  @Test
  void reconcilesRunFourPerProcessorUnlessTold() {
    assertThat(parse().concurrentReconciles()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    assertThat(parse("--concurrent-reconcile=3").concurrentReconciles()).isEqualTo(3);
    assertThatThrownBy(() -> parse("--concurrent-reconcile=0").concurrentReconciles())
        .hasMessageContaining("--concurrent-reconcile must be at least 1, got 0");
  }

  @Test
  void upstreamsLeaseTimingsAreTheDefault() {
    assertThat(new OperatorRuntime(parse("--leader-elect")).leaderElection()).hasValueSatisfying(config -> {
      assertThat(config.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
      assertThat(config.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
      assertThat(config.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
    });
  }

  @Test
  void aRenewDeadlineNotShorterThanTheLeaseIsRefused() {
    RuntimeOptions options = parse("--leader-elect", "--leader-elect-lease-duration=PT5S",
        "--leader-elect-renew-deadline=PT5S");

    assertThatThrownBy(() -> new OperatorRuntime(options).leaderElection())
        .hasMessageContaining("--leader-elect-renew-deadline < --leader-elect-lease-duration");
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
