package io.milvus.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.KubeSimOptions;
import io.milvus.operator.reconcile.DependencyProbe;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import io.milvus.operator.upgrade.UpgradeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The operator running against a simulated cluster in this JVM, reachable by kubectl through a kubeconfig: kube-sim
 * with its controllers, the CRDs installed, the operator started. Used by the {@code sandbox} command and its tests.
 */
public final class SandboxCluster implements AutoCloseable {

  static final List<String> CRDS = List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml");

  /**
   * @param port the API server's port on 127.0.0.1, 0 for a free one
   * @param kubeconfig where to write the kubeconfig for kubectl
   * @param podReadyDelay how long a simulated pod takes to become ready
   * @param resync the operator's full reconcile interval
   * @param upgradeSessionWait how long a MilvusUpgrade waits for etcd sessions to expire: the simulated Milvus has
   *     none, so a few seconds show the step without the minute a real cluster needs
   */
  public record Options(int port, Path kubeconfig, String nodeName, Duration podReadyDelay, String milvusImage,
      Duration resync, Duration upgradeSessionWait) {

    public static Options defaults() {
      return new Options(0, Path.of(".sandbox", "kubeconfig"), "sandbox-node", Duration.ofSeconds(1),
          OperatorDefaults.DEFAULT_MILVUS_IMAGE, Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    public Options withPort(int newPort) {
      return new Options(newPort, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait);
    }

    public Options withKubeconfig(Path path) {
      return new Options(port, path, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait);
    }

    public Options withPodReadyDelay(Duration delay) {
      return new Options(port, kubeconfig, nodeName, delay, milvusImage, resync, upgradeSessionWait);
    }

    public Options withMilvusImage(String image) {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, image, resync, upgradeSessionWait);
    }

    public Options withUpgradeSessionWait(Duration wait) {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, wait);
    }
  }

  /** The sandbox has no network: external etcd, storage and message queues are taken as reachable. */
  private static final DependencyProbe ALWAYS_REACHABLE =
      (what, endpoints) -> new DependencyHealth(true, "External " + what + " taken as reachable (sandbox)");

  private final KubeSim sim;
  private final KubernetesClient client;
  private final Operator operator;
  private final Kubeconfig kubeconfig;

  private SandboxCluster(KubeSim sim, KubernetesClient client, Operator operator, Kubeconfig kubeconfig) {
    this.sim = sim;
    this.client = client;
    this.operator = operator;
    this.kubeconfig = kubeconfig;
  }

  /** Starts everything and writes the kubeconfig; returns once kubectl can use it. */
  public static SandboxCluster start(Options options) {
    KubeSim sim = KubeSim.start(KubeSimOptions.defaults().withPort(options.port()).withNodeName(options.nodeName())
        .withDefaultReadyDelay(options.podReadyDelay()));
    KubernetesClient client = null;
    Operator operator = null;
    try {
      client = sim.newClient();
      installCrds(client);
      OperatorSettings settings = OperatorSettings.standard()
          .withDefaults(new OperatorDefaults(options.milvusImage()))
          .withProbe(ALWAYS_REACHABLE)
          .withUpgrade(UpgradeSettings.standard().withSessionExpiry(options.upgradeSessionWait()));
      operator = MilvusOperator.create(client, settings, Set.of(), options.resync());
      operator.start();
      Kubeconfig kubeconfig = Kubeconfig.write(options.kubeconfig(), sim.url());
      return new SandboxCluster(sim, client, operator, kubeconfig);
    } catch (RuntimeException e) {
      if (operator != null) {
        operator.stop();
      }
      if (client != null) {
        client.close();
      }
      sim.close();
      throw e;
    }
  }

  private static void installCrds(KubernetesClient client) {
    for (String crd : CRDS) {
      try (InputStream yaml = SandboxCluster.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        if (yaml == null) {
          throw new IllegalStateException("CRD " + crd + " is not on the class path (is the api jar there?)");
        }
        client.apiextensions().v1().customResourceDefinitions().load(yaml).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The absolute path of the kubeconfig written for kubectl. */
  public Path kubeconfig() {
    return kubeconfig.path();
  }

  public String url() {
    return sim.url();
  }

  public String nodeName() {
    return sim.options().nodeName();
  }

  /** The simulator, e.g. to script pod behaviour in tests. */
  public KubeSim sim() {
    return sim;
  }

  /** Stops the operator, then the simulated cluster, and removes the kubeconfig (it would point nowhere). */
  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      client.close();
      sim.close();
      kubeconfig.delete();
    }
  }
}
