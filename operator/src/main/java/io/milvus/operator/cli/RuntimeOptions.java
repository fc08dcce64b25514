package io.milvus.operator.cli;

import io.milvus.operator.observability.BindAddress;
import io.milvus.operator.observability.LogFormat;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The process flags upstream's manager also has: metrics and probe endpoints, leader election, log format. */
public final class RuntimeOptions {

  @Option(names = "--metrics-bind-address", defaultValue = ":8080",
      description = "Address of /metrics, [host]:port, or 0 to disable (default: ${DEFAULT-VALUE}).")
  String metricsBindAddress = ":8080";

  @Option(names = "--health-probe-bind-address", defaultValue = ":8081",
      description = "Address of /healthz and /readyz, [host]:port, or 0 to disable (default: ${DEFAULT-VALUE}).")
  String healthProbeBindAddress = ":8081";

  @Option(names = "--leader-elect",
      description = "Run only while holding the lease " + OperatorRuntime.LEASE_NAME + ", so that several replicas "
          + "(or an old and a new pod during an upgrade) never reconcile at the same time.")
  boolean leaderElect;

  @Option(names = "--leader-election-namespace", defaultValue = "${env:POD_NAMESPACE}",
      description = "Namespace of the lease; the operator's own namespace if empty (default: $POD_NAMESPACE).")
  String leaderElectionNamespace;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String logFormat = "text";

  Optional<BindAddress> metricsAddress() {
    return BindAddress.parse(metricsBindAddress);
  }

  Optional<BindAddress> healthAddress() {
    return BindAddress.parse(healthProbeBindAddress);
  }

  LogFormat format() {
    try {
      return LogFormat.valueOf(logFormat.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--log-format must be text or json, got '" + logFormat + "'", e);
    }
  }

  Optional<String> leaseNamespace() {
    return Optional.ofNullable(leaderElectionNamespace).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** Applies the log format and prepares metrics; call before anything logs. */
  public OperatorRuntime start() {
    format().apply();
    return new OperatorRuntime(this);
  }
}
