package io.milvus.operator.cli;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.milvus.operator.observability.BindAddress;
import io.milvus.operator.observability.LogFormat;
import io.milvus.operator.observability.LogLevel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The process flags upstream's manager also has: metrics and probe endpoints, leader election, log format. */
public final class RuntimeOptions {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeOptions.class);

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

  @Option(names = "--leader-election-identity", defaultValue = "${env:HOSTNAME}",
      description = "This replica's name in the lease, unique per replica (default: $HOSTNAME, the pod's name; "
          + "a random one if empty).")
  String leaderElectionIdentity;

  @Option(names = "--leader-elect-lease-duration", defaultValue = "PT15S",
      description = "How long the lease lasts after the leader's last renewal, so how long the other replicas wait "
          + "for a leader that died (default: ${DEFAULT-VALUE}).")
  Duration leaseDuration = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;

  @Option(names = "--leader-elect-renew-deadline", defaultValue = "PT10S",
      description = "How long the leader keeps failing to renew before it gives up and exits; shorter than the lease "
          + "duration (default: ${DEFAULT-VALUE}).")
  Duration renewDeadline = LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE;

  @Option(names = "--leader-elect-retry-period", defaultValue = "PT2S",
      description = "How often the replicas try to take or renew the lease (default: ${DEFAULT-VALUE}).")
  Duration retryPeriod = LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE;

  @Option(names = "--concurrent-reconcile",
      description = "How many Milvus and MilvusUpgrades are reconciled at the same time (default: 4 per available "
          + "processor, " + "here ${DEFAULT-VALUE}).")
  int concurrentReconciles = MilvusOperator.defaultConcurrentReconciles();

  @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String logFormat = "text";

  @Mixin
  UpstreamFlags upstream = new UpstreamFlags();

  Optional<BindAddress> metricsAddress() {
    return BindAddress.parse(metricsBindAddress);
  }

  Optional<BindAddress> healthAddress() {
    return BindAddress.parse(healthProbeBindAddress);
  }

  LogFormat format() {
    String format = upstream.logFormat().orElse(logFormat);
    try {
      return LogFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--log-format must be text or json, got '" + format + "'", e);
    }
  }

  int concurrentReconciles() {
    if (concurrentReconciles < 1) {
      throw new IllegalArgumentException("--concurrent-reconcile must be at least 1, got " + concurrentReconciles);
    }
    return concurrentReconciles;
  }

  /** --leader-election-namespace, else the Go operator's --namespace (its own namespace), else the pod's. */
  Optional<String> leaseNamespace() {
    return Optional.ofNullable(leaderElectionNamespace).map(String::trim).filter(s -> !s.isEmpty())
        .or(upstream::leaseNamespace);
  }

  public UpstreamFlags upstream() {
    return upstream;
  }

  Optional<String> leaseIdentity() {
    return Optional.ofNullable(leaderElectionIdentity).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** Applies the log format and prepares metrics; call before anything logs. A replica that loses its lease exits. */
  public OperatorRuntime start() {
    format().apply();
    upstream.logLevel().ifPresent(LogLevel::apply);
    upstream.ignored().forEach(LOG::info);
    concurrentReconciles();
    return new OperatorRuntime(this);
  }

  /**
   * Like {@link #start()} for an operator embedded in a process that must not exit (several replicas in one JVM,
   * in tests): {@code onLostLeadership} runs instead, and must stop that replica.
   */
  public OperatorRuntime start(Runnable onLostLeadership) {
    format().apply();
    upstream.logLevel().ifPresent(LogLevel::apply);
    return new OperatorRuntime(this, onLostLeadership);
  }
}
