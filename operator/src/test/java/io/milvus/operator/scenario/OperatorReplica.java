package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.cli.OperatorRuntime;
import io.milvus.operator.cli.RuntimeOptions;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.faults.Fault;
import io.milvus.operator.kubesim.faults.FaultRule;
import io.milvus.operator.reconcile.OperatorSettings;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/**
 * One replica of the operator, as a pod of the chart's Deployment runs it: {@code run --leader-elect} with its own
 * client and its own name in the lease. Several replicas share one JVM here, so losing the lease stops this replica
 * where a pod would exit.
 */
final class OperatorReplica implements AutoCloseable {

  static final Duration LEASE_DURATION = Duration.ofSeconds(2);
  static final Duration RENEW_DEADLINE = Duration.ofMillis(1500);
  static final Duration RETRY_PERIOD = Duration.ofMillis(250);
  static final Duration RESYNC = Duration.ofMinutes(5);

  final String name;
  final ApiCallLog calls = new ApiCallLog();
  private final KubeSim sim;
  private final KubernetesClient client;
  private final Operator operator;
  private final AtomicBoolean lostLease = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private OperatorReplica(KubeSim sim, String name, OperatorSettings settings) {
    this.sim = sim;
    this.name = name;
    this.client = sim.newClient(name, calls);
    RuntimeOptions options = new RuntimeOptions();
    new CommandLine(options).parseArgs("--leader-elect", "--leader-election-namespace=default",
        "--leader-election-identity=" + name, "--leader-elect-lease-duration=" + LEASE_DURATION,
        "--leader-elect-renew-deadline=" + RENEW_DEADLINE, "--leader-elect-retry-period=" + RETRY_PERIOD,
        "--metrics-bind-address=0", "--health-probe-bind-address=0");
    OperatorRuntime runtime = options.start(() -> {
      lostLease.set(true);
      new Thread(this::close, name + "-stop").start(); // where a pod would exit
    });
    this.operator = MilvusOperator.create(client, settings, Set.of(), RESYNC, runtime);
  }

  static OperatorReplica start(KubeSim sim, String name, OperatorSettings settings) {
    OperatorReplica replica = new OperatorReplica(sim, name, settings);
    replica.operator.start();
    return replica;
  }

  /**
   * The replica's process dies: from now on nothing it sends reaches the API server (every request it still tries
   * is refused), so it neither renews its lease nor finishes what it was doing.
   */
  void crash() {
    sim.faults().inject(FaultRule.forClient(name).fault(Fault.unavailable()));
  }

  /** Whether this replica lost the lease while it lived (a crashed one cannot tell). */
  boolean lostLease() {
    return lostLease.get();
  }

  /** The holder of the operator's lease, null before anyone took it. */
  static String leaseHolder(KubernetesClient client) {
    Lease lease = lease(client);
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  static Lease lease(KubernetesClient client) {
    return client.leases().inNamespace("default").withName(OperatorRuntime.LEASE_NAME).get();
  }

  @Override
  public void close() {
    if (stopped.compareAndSet(false, true)) {
      operator.stop();
      client.close();
    }
  }
}
