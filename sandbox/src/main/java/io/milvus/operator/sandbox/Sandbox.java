package io.milvus.operator.sandbox;

import io.milvus.operator.api.OperatorDefaults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the operator against a simulated cluster in this process, for trying it out with kubectl and no cluster. The
 * sandbox's own launcher ({@code bin/run sandbox}): the operator's jar and image carry no simulator.
 */
@Command(name = "milvus-operator-sandbox", mixinStandardHelpOptions = true, version = "milvus-operator-sandbox 0.1.0",
    description = "Run the operator against an in-memory simulated cluster and write a kubeconfig for kubectl. "
        + "Pods are simulated: nothing is pulled or run. Stops on Ctrl-C.")
public final class Sandbox implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Sandbox()).execute(args));
  }

  @Option(names = "--kubeconfig", description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE}).")
  Path kubeconfig = SandboxCluster.Options.defaults().kubeconfig();

  @Option(names = "--port", description = "API server port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 0;

  @Option(names = "--pod-ready-delay", converter = ShortDuration.class, defaultValue = "1s",
      description = "How long a simulated pod takes to become ready, e.g. 200ms, 2s (default: ${DEFAULT-VALUE}).")
  Duration podReadyDelay;

  @Option(names = "--upgrade-session-wait", converter = ShortDuration.class, defaultValue = "5s",
      description = "How long a MilvusUpgrade waits for Milvus's etcd sessions to expire; the simulated Milvus has "
          + "none, and a real cluster waits 1m (default: ${DEFAULT-VALUE}).")
  Duration upgradeSessionWait;

  @Option(names = "--milvus-image", description = "Image of a Milvus that names none (default: ${DEFAULT-VALUE}).")
  String milvusImage = OperatorDefaults.DEFAULT_MILVUS_IMAGE;

  @Option(names = "--no-operator",
      description = "Serve the simulated cluster (API, CRDs, simulated pods) without the operator: another operator "
          + "process, started against the written kubeconfig, reconciles (e.g. KUBECONFIG=<file> ./bin/run).")
  boolean noOperator;

  @Option(names = "--https",
      description = "Serve the API over HTTPS with a certificate authority made for this run, as a cluster does; the "
          + "kubeconfig carries the CA (certificate-authority-data).")
  boolean https;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    SandboxCluster cluster;
    try {
      cluster = SandboxCluster.start(options());
    } catch (RuntimeException e) {
      System.err.println("sandbox: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping the sandbox...");
      try {
        cluster.close();
      } finally {
        stopped.countDown();
      }
    }, "sandbox-shutdown"));
    printHowTo(System.out, cluster, Duration.ofNanos(System.nanoTime() - started));
    stopped.await();
    return 0;
  }

  SandboxCluster.Options options() {
    SandboxCluster.Options options = SandboxCluster.Options.defaults().withPort(port).withKubeconfig(kubeconfig)
        .withPodReadyDelay(podReadyDelay).withMilvusImage(milvusImage).withUpgradeSessionWait(upgradeSessionWait);
    options = https ? options.withHttps() : options;
    return noOperator ? options.withoutOperator() : options;
  }

  /** Accepts {@code 200ms}, {@code 2s}, {@code 1m} as well as ISO-8601 ({@code PT2S}). */
  static final class ShortDuration implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.startsWith("pt")) {
        return Duration.parse(v);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("not a duration: " + value + " (try 500ms, 2s, 1m)");
      };
    }
  }

  static void printHowTo(PrintStream out, SandboxCluster cluster, Duration startup) {
    String operator = cluster.runsOperator()
        ? "The operator runs in this process."
        : """
        No operator runs here (--no-operator): start one against this cluster, in another terminal:
          KUBECONFIG=%s ./bin/run""".formatted(cluster.kubeconfig());
    out.printf("""

        Milvus operator sandbox: a simulated Kubernetes cluster at %s, ready in %.1f s.
        Pods are simulated (node %s): no image is pulled and nothing runs; all is gone when it stops.
        %s

          export KUBECONFIG=%s
          kubectl apply -f milvus.yaml        # a Milvus resource, see docs/sandbox.md
          kubectl get milvus
          kubectl describe milvus my-release

        Press Ctrl-C to stop (the kubeconfig is removed).
        """, cluster.url(), startup.toMillis() / 1000.0, cluster.nodeName(), operator, cluster.kubeconfig());
    out.flush();
  }
}
