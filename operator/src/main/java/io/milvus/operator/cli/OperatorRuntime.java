package io.milvus.operator.cli;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.milvus.operator.observability.ObservabilityEndpoints;
import io.milvus.operator.observability.OperatorMetrics;
import java.util.Optional;

/** What the {@code run} command adds around the operator: metrics, probe endpoints and leader election. */
public final class OperatorRuntime implements AutoCloseable {

  /** Upstream's lease name, so that an old Go operator and this one never lead at the same time during a swap. */
  public static final String LEASE_NAME = "71808ec5.milvus.io";

  private final RuntimeOptions options;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private ObservabilityEndpoints endpoints;

  OperatorRuntime(RuntimeOptions options) {
    this.options = options;
  }

  /** For {@code MilvusOperator.create}: JOSDK metrics, and leader election when asked for. */
  public void configure(ConfigurationServiceOverrider overrider) {
    overrider.withMetrics(metrics.josdkMetrics());
    leaderElection().ifPresent(overrider::withLeaderElectionConfiguration);
  }

  Optional<LeaderElectionConfiguration> leaderElection() {
    if (!options.leaderElect) {
      return Optional.empty();
    }
    // no namespace: JOSDK takes the client's, which in a pod is the service account's namespace
    return Optional.of(new LeaderElectionConfiguration(LEASE_NAME, options.leaseNamespace().orElse(null)));
  }

  /** Starts the endpoints; call before {@code operator.start()} so the probes answer while it starts. */
  public void serve(Operator operator) {
    endpoints = ObservabilityEndpoints.start(options.metricsAddress(), options.healthAddress(), metrics::scrape,
        () -> operator.getRuntimeInfo().isStarted());
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    if (endpoints != null) {
      endpoints.close();
    }
  }
}
