package io.milvus.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator running against a simulated cluster in this JVM, reachable by kubectl through a kubeconfig: kube-sim
 * with its controllers, the CRDs installed, the operator started (unless asked not to, so that an operator in another
 * process reconciles through the kubeconfig). Used by the {@code sandbox} command and its tests.
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
   * @param runOperator whether the operator runs in this process; without it the sandbox is only the cluster
   * @param https serve the API over HTTPS with a certificate authority made for this run (the kubeconfig carries it)
   */
  public record Options(int port, Path kubeconfig, String nodeName, Duration podReadyDelay, String milvusImage,
      Duration resync, Duration upgradeSessionWait, boolean runOperator, boolean https) {

    public static Options defaults() {
      return new Options(0, Path.of(".sandbox", "kubeconfig"), "sandbox-node", Duration.ofSeconds(1),
          OperatorDefaults.DEFAULT_MILVUS_IMAGE, Duration.ofMinutes(10), Duration.ofSeconds(5), true, false);
    }

    public Options withPort(int newPort) {
      return new Options(newPort, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait,
          runOperator, https);
    }

    public Options withKubeconfig(Path path) {
      return new Options(port, path, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait, runOperator,
          https);
    }

    public Options withPodReadyDelay(Duration delay) {
      return new Options(port, kubeconfig, nodeName, delay, milvusImage, resync, upgradeSessionWait, runOperator,
          https);
    }

    public Options withMilvusImage(String image) {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, image, resync, upgradeSessionWait, runOperator,
          https);
    }

    public Options withUpgradeSessionWait(Duration wait) {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, wait, runOperator, https);
    }

    /** The cluster alone: the API, the CRDs and the simulated controllers, for an operator run elsewhere. */
    public Options withoutOperator() {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait, false,
          https);
    }

    /** HTTPS with a CA made for this run, as a cluster serves its API, instead of plain HTTP. */
    public Options withHttps() {
      return new Options(port, kubeconfig, nodeName, podReadyDelay, milvusImage, resync, upgradeSessionWait,
          runOperator, true);
    }
  }

  /** The sandbox has no network: external etcd, storage and message queues are taken as reachable. */
  private static final DependencyProbe ALWAYS_REACHABLE =
      (what, endpoints) -> new DependencyHealth(true, "External " + what + " taken as reachable (sandbox)");

  private final KubeSim sim;
  private final KubernetesClient client;
  private final Optional<TlsFront> tls;
  private final Optional<Operator> operator;
  private final Kubeconfig kubeconfig;
  private final String url;

  private SandboxCluster(KubeSim sim, KubernetesClient client, Optional<TlsFront> tls, Optional<Operator> operator,
      Kubeconfig kubeconfig, String url) {
    this.sim = sim;
    this.client = client;
    this.tls = tls;
    this.operator = operator;
    this.kubeconfig = kubeconfig;
    this.url = url;
  }

  /** Starts everything and writes the kubeconfig; returns once kubectl can use it. */
  public static SandboxCluster start(Options options) {
    // With HTTPS the user's port is the TLS front's, and kube-sim listens on a free loopback port behind it.
    // Pods find the CA that signs the front's certificate in every namespace's kube-root-ca.crt.
    Optional<SandboxCa> ca = options.https() ? Optional.of(SandboxCa.create(Instant.now())) : Optional.empty();
    KubeSim sim = KubeSim.start(KubeSimOptions.defaults().withPort(options.https() ? 0 : options.port())
        .withNodeName(options.nodeName()).withDefaultReadyDelay(options.podReadyDelay())
        .withRootCaBundle(ca.map(SandboxCa::caCertificatePem).orElse("")));
    KubernetesClient client = null;
    Optional<TlsFront> tls = Optional.empty();
    Optional<Operator> operator = Optional.empty();
    try {
      client = sim.newClient();
      installCrds(client);
      if (options.runOperator()) {
        operator = Optional.of(startOperator(client, options));
      }
      Kubeconfig kubeconfig;
      String url;
      if (ca.isPresent()) {
        tls = Optional.of(TlsFront.start(ca.get(), options.port(), sim.port()));
        url = tls.get().url();
        kubeconfig = Kubeconfig.write(options.kubeconfig(), url, Optional.of(ca.get().caCertificatePem()));
      } else {
        url = sim.url();
        kubeconfig = Kubeconfig.write(options.kubeconfig(), url, Optional.empty());
      }
      return new SandboxCluster(sim, client, tls, operator, kubeconfig, url);
    } catch (RuntimeException e) {
      tls.ifPresent(TlsFront::close);
      operator.ifPresent(Operator::stop);
      if (client != null) {
        client.close();
      }
      sim.close();
      throw e;
    }
  }

  private static Operator startOperator(KubernetesClient client, Options options) {
    OperatorSettings settings = OperatorSettings.standard()
        .withDefaults(new OperatorDefaults(options.milvusImage()))
        .withProbe(ALWAYS_REACHABLE)
        .withUpgrade(UpgradeSettings.standard().withSessionExpiry(options.upgradeSessionWait()));
    Operator operator = MilvusOperator.create(client, settings, Set.of(), options.resync());
    operator.start();
    return operator;
  }

  /**
   * Creates the CRDs, or brings them up to date where they exist: on a loaded machine a create may succeed after the
   * client gave up waiting, and the client's retry then finds the CRD there (409), which must not stop the start.
   */
  static void installCrds(KubernetesClient client) {
    for (String crd : CRDS) {
      try (InputStream yaml = SandboxCluster.class.getResourceAsStream("/META-INF/fabric8/" + crd)) {
        if (yaml == null) {
          throw new IllegalStateException("CRD " + crd + " is not on the class path (is the api jar there?)");
        }
        client.apiextensions().v1().customResourceDefinitions().load(yaml).createOr(NonDeletingOperation::update);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The absolute path of the kubeconfig written for kubectl. */
  public Path kubeconfig() {
    return kubeconfig.path();
  }

  /** The API server's URL, as the kubeconfig names it (https when the sandbox serves TLS). */
  public String url() {
    return url;
  }

  public String nodeName() {
    return sim.options().nodeName();
  }

  /** Whether the operator runs in this process (else another one is expected to reconcile). */
  public boolean runsOperator() {
    return operator.isPresent();
  }

  /** The simulator, e.g. to script pod behaviour in tests. */
  public KubeSim sim() {
    return sim;
  }

  /** Stops the operator, then the simulated cluster, and removes the kubeconfig (it would point nowhere). */
  @Override
  public void close() {
    try {
      tls.ifPresent(TlsFront::close);
      operator.ifPresent(Operator::stop);
    } finally {
      client.close();
      sim.close();
      kubeconfig.delete();
    }
  }
}
