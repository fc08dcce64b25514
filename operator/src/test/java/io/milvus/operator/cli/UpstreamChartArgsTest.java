package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.observability.BindAddress;
import io.milvus.operator.observability.LogFormat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Upstream's chart swaps in this image unchanged: its manager's command line is this operator's. */
class UpstreamChartArgsTest {

  /** The args of charts/milvus-operator/templates/deployment.yaml in the Go operator v1.3.8, rendered for a release. */
  private static final List<String> CHART_ARGS = List.of("-namespace", "milvus-operator", "-name", "milvus-operator",
      "--health-probe-bind-address=:8081", "--metrics-bind-address=:8080", "--leader-elect");

  @Test
  @DisplayName("the chart's exact args run the operator: endpoints, leader election in the operator's namespace")
  void theChartsArgs() {
    Main.Run run = parse(CHART_ARGS.toArray(String[]::new));

    RuntimeOptions options = run.runtimeOptions;
    assertThat(options.metricsAddress()).contains(new BindAddress("", 8080));
    assertThat(options.healthAddress()).contains(new BindAddress("", 8081));
    assertThat(new OperatorRuntime(options).leaderElection()).hasValueSatisfying(lease ->
        assertThat(lease.getLeaseNamespace()).contains("milvus-operator"));
    assertThat(options.upstream().reconcilers()).containsExactlyInAnyOrder("milvus", "milvusupgrade");
    assertThat(options.upstream().ignored()).singleElement().asString()
        .startsWith("--name=milvus-operator is accepted for the Go operator's chart and ignored");
  }

  @Test
  @DisplayName("with enableWebhook the chart adds --webhook=true: accepted, and told as ignored")
  void theWebhookFlag() {
    Main.Run run = parse("-namespace", "ops", "-name", "mo", "--leader-elect", "--webhook=true");

    assertThat(run.runtimeOptions.upstream().ignored()).anySatisfy(line ->
        assertThat(line).startsWith("--webhook=true is accepted").contains("no webhook"));
  }

  @Test
  @DisplayName("every flag of the Go operator's main (and zap's, controller-runtime's) is accepted")
  void everyUpstreamFlag() {
    Main.Run run = parse("-metrics-bind-address", ":9090", "-health-probe-bind-address=:9091", "-leader-elect=true",
        "-stop-reconcilers", "milvusupgrade", "-work-dir", "/tmp", "-tool-image", "milvusdb/milvus-operator:v1.3.8",
        "-namespace", "ops", "-name", "mo", "-concurrent-reconcile", "7", "-concurrent-healthcheck", "3",
        "-sync-interval", "120", "-pprof", "-k8s-qps", "50", "-k8s-burst", "80", "-debug=false", "-webhook=false",
        "-watch-namespace", "a,b", "-kubeconfig", "/dev/null", "-zap-devel", "-zap-encoder", "json",
        "-zap-log-level", "debug", "-zap-stacktrace-level", "error", "-zap-time-encoding", "iso8601");

    RuntimeOptions options = run.runtimeOptions;
    assertThat(options.metricsAddress()).contains(new BindAddress("", 9090));
    assertThat(options.leaderElect).isTrue();
    assertThat(options.concurrentReconciles()).isEqualTo(7);
    assertThat(run.resync()).isEqualTo(Duration.ofSeconds(120));
    assertThat(run.namespaces).containsExactly("a", "b");
    assertThat(options.upstream().reconcilers()).containsExactly("milvus");
    assertThat(options.format()).isEqualTo(LogFormat.JSON);
    assertThat(options.upstream().logLevel()).contains("DEBUG");
    assertThat(options.upstream().ignored()).hasSize(12).allSatisfy(line -> assertThat(line).contains("ignored: "));
  }

  @Test
  @DisplayName("this operator's own command line keeps working")
  void ownCommandLine() {
    Main.Run run = parse("run", "--leader-elect", "--resync=PT5M", "--log-format=json");

    assertThat(run.resync()).isEqualTo(Duration.ofMinutes(5));
    assertThat(run.runtimeOptions.upstream().ignored()).isEmpty();
    assertThat(GoFlagArgs.normalize("--version")).containsExactly("--version");
    assertThat(GoFlagArgs.normalize()).containsExactly("run");
  }

  @Test
  @DisplayName("bad values are refused with the flag's name")
  void badValues() {
    assertThatThrownBy(() -> parse("--stop-reconcilers=milvuscluster").runtimeOptions.upstream().reconcilers())
        .hasMessageContaining("--stop-reconcilers takes all, milvus or milvusupgrade");
    assertThatThrownBy(() -> parse("--sync-interval=0").resync()).hasMessageContaining("--sync-interval");
    assertThatThrownBy(() -> parse("--zap-encoder=xml").runtimeOptions.format()).hasMessageContaining("--zap-encoder");
    assertThat(parse("--stop-reconcilers=all").runtimeOptions.upstream().reconcilers()).isEmpty();
  }

  private static Main.Run parse(String... args) {
    ParseResult result = new CommandLine(new Main()).parseArgs(GoFlagArgs.normalize(args));
    return (Main.Run) result.subcommand().commandSpec().userObject();
  }
}
