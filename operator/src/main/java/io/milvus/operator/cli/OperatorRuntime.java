package io.milvus.operator.cli;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.milvus.operator.observability.ObservabilityEndpoints;
import io.milvus.operator.observability.OperatorMetrics;
import io.milvus.operator.reconcile.MilvusCache;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the {@code run} command adds around the operator: metrics, probe endpoints and leader election. */
public final class OperatorRuntime implements AutoCloseable {

  /** Upstream's lease name, so that an old Go operator and this one never lead at the same time during a swap. */
  public static final String LEASE_NAME = "71808ec5.milvus.io";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final RuntimeOptions options;
  private final Runnable onLostLeadership;
  private final MilvusCache milvusCache = new MilvusCache();
  private final OperatorMetrics metrics = new OperatorMetrics(milvusCache::milvuses);
  private ObservabilityEndpoints endpoints;

  OperatorRuntime(RuntimeOptions options) {
    this(options, OperatorRuntime::exit);
  }

  OperatorRuntime(RuntimeOptions options, Runnable onLostLeadership) {
    this.options = options;
    this.onLostLeadership = onLostLeadership;
  }

  /** For {@code MilvusOperator.create}: JOSDK metrics, the reconcile threads, and leader election when asked for. */
  public void configure(ConfigurationServiceOverrider overrider) {
    overrider.withMetrics(metrics.josdkMetrics());
    overrider.withConcurrentReconciliationThreads(options.concurrentReconciles());
    leaderElection().ifPresent(overrider::withLeaderElectionConfiguration);
  }

  Optional<LeaderElectionConfiguration> leaderElection() {
    if (!options.leaderElect) {
      return Optional.empty();
    }
    if (options.renewDeadline.compareTo(options.leaseDuration) >= 0
        || options.retryPeriod.compareTo(options.renewDeadline) >= 0) {
      throw new IllegalArgumentException("leader election needs --leader-elect-retry-period < "
          + "--leader-elect-renew-deadline < --leader-elect-lease-duration, got " + options.retryPeriod + ", "
          + options.renewDeadline + " and " + options.leaseDuration);
    }
    // JOSDK's own exit runs in the thread that lost the lease, which may be a shutdown hook's (operator.stop()), where
    // System.exit blocks forever: this runtime decides what losing the lease does instead.
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> LOG.info("Leading as {}: reconciling", options.leaseIdentity().orElse("this replica")),
        onLostLeadership, leader -> { });
    // no namespace: JOSDK takes the client's, which in a pod is the service account's namespace
    return Optional.of(new LeaderElectionConfiguration(LEASE_NAME, options.leaseNamespace().orElse(null),
        options.leaseDuration, options.renewDeadline, options.retryPeriod, options.leaseIdentity().orElse(null),
        callbacks, false));
  }

  /**
   * As upstream's manager does: a replica that lost its lease may still have reconciles in flight, and only a new
   * process is sure to run none beside the next leader's. Exits from a thread of its own: during a shutdown
   * (SIGTERM, whose hook stops the operator and so gives the lease up) System.exit would block the hook.
   */
  private static void exit() {
    LOG.warn("No longer the leader: exiting so that this replica's work never overlaps the next leader's");
    Thread exit = new Thread(() -> System.exit(1), "lost-leadership-exit");
    exit.setDaemon(true);
    exit.start();
  }

  /** Starts the endpoints; call before {@code operator.start()} so the probes answer while it starts. */
  public void serve(Operator operator) {
    endpoints = ObservabilityEndpoints.start(options.metricsAddress(), options.healthAddress(), metrics::scrape,
        () -> operator.getRuntimeInfo().isStarted());
  }

  /** For {@code MilvusOperator.create}: the Milvus reconciler hands its cache over, the gauges read it. */
  public MilvusCache milvusCache() {
    return milvusCache;
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
