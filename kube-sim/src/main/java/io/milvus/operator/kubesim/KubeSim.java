package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.milvus.operator.kubesim.admission.ApiServerAdmission;
import io.milvus.operator.kubesim.faults.Faults;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Kubernetes cluster in the JVM: an in-memory API server (its own {@link ObjectStore}) plus fake controllers
 * that do what Kubernetes does where an operator depends on it (Deployment rollouts, StatefulSets, Jobs, a kubelet,
 * PVC binding, cluster IPs, garbage collection). It knows nothing about any particular operator's resources.
 *
 * <pre>{@code
 * try (KubeSim sim = KubeSim.start(); KubernetesClient client = sim.newClient()) {
 *   sim.scripts().forImage("milvusdb/milvus:v9.9.9-bad", PodBehaviour.neverReady());
 *   ...
 * }
 * }</pre>
 */
public final class KubeSim implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubeSim.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  /** Changes the API server keeps for watches that resume from a resourceVersion. */
  private static final int HISTORY_CAPACITY = 10_000;
  /** How the simulator's own controllers introduce themselves; no fault is ever injected into them. */
  private static final String CONTROLLER_AGENT = "kube-sim-controllers";

  private final KubeSimOptions options;
  private final SimHttpServer server;
  private final KubernetesClient controllerClient;
  private final ScheduledExecutorService timers;
  private final ExecutorService jobRunners;
  private final SharedInformers informers;
  private final BehaviourScripts scripts;
  private final AvailabilityRecorder availability = new AvailabilityRecorder();
  private final GarbageCollector garbageCollector;
  private final List<SimController> controllers;
  private final Faults faults = new Faults(CONTROLLER_AGENT);

  private KubeSim(KubeSimOptions options, WriteAdmission admission) {
    this.options = options;
    this.server = SimHttpServer.start(
        new SimDispatcher(new ObjectStore(HISTORY_CAPACITY), admission, Clock.systemUTC(), faults),
        InetAddress.getLoopbackAddress(), options.port(), options.https());
    this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("kube-sim-timer"));
    this.jobRunners = Executors.newCachedThreadPool(daemonThreads("kube-sim-job-runner"));
    this.controllerClient = buildClient(CONTROLLER_AGENT, null);
    this.informers = new SharedInformers(controllerClient);
    this.scripts = new BehaviourScripts(PodBehaviour.readyAfter(options.defaultReadyDelay()));
    SimContext ctx = new SimContext(controllerClient, informers, options, scripts, availability, timers, jobRunners,
        Clock.systemUTC(), new AddressAllocator());
    this.controllers = List.of(new NamespaceController(ctx), new RootCaPublisher(ctx, rootCaBundle()),
        new KubeletController(ctx), new ReplicaSetController(ctx),
        new DeploymentController(ctx), new StatefulSetController(ctx), new JobController(ctx),
        new PersistentVolumeController(ctx));
    controllers.forEach(SimController::register);
    this.garbageCollector = new GarbageCollector(controllerClient, timers);
  }

  /**
   * Starts watching and creates the cluster's first objects. The informers and the collector list every kind they
   * watch before the simulator is usable; they do so side by side, while the first objects are created (the
   * controllers see them as they come).
   */
  private void startControllers() throws Exception {
    CompletableFuture<Void> synced = CompletableFuture.allOf(informers.startAll(), garbageCollector.start());
    ClusterBootstrap.createInitialObjects(controllerClient, options, rootCaBundle());
    synced.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What every namespace's kube-root-ca.crt carries: the CA clients verify the API server with. */
  private String rootCaBundle() {
    return options.rootCaBundle().isEmpty() ? server.caCertificate() : options.rootCaBundle();
  }

  /** A simulator on a free loopback port, with all controllers running. */
  public static KubeSim start() {
    return start(KubeSimOptions.defaults());
  }

  public static KubeSim start(KubeSimOptions options) {
    return start(options, new ApiServerAdmission());
  }

  /** A simulator whose API server passes every write to {@code admission} before storing it. */
  public static KubeSim start(KubeSimOptions options, WriteAdmission admission) {
    long started = System.nanoTime();
    KubeSim sim = new KubeSim(options, admission);
    try {
      sim.startControllers();
    } catch (Exception e) {
      sim.close(); // a half-started simulator would keep its server's threads, and the JVM, alive
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException("kube-sim failed to start", e);
    }
    LOG.debug("kube-sim: API server at {} with its controllers started in {} ms", sim.url(),
        (System.nanoTime() - started) / 1_000_000);
    return sim;
  }

  /** A new client of the API server, for the code under test; the caller closes it. Default namespace: "default". */
  public KubernetesClient newClient() {
    return buildClient(null, null);
  }

  /** Like {@link #newClient()}, recording every request the client sends in {@code log}. */
  public KubernetesClient newClient(ApiCallLog log) {
    return buildClient(null, log);
  }

  /**
   * Like {@link #newClient(ApiCallLog)} ({@code log} may be null), for a client that introduces itself as
   * {@code name} (its User-Agent): the name {@link #faults()} rules select the code under test by.
   */
  public KubernetesClient newClient(String name, ApiCallLog log) {
    return buildClient(name, log);
  }

  /** Like {@link #newClient(String, ApiCallLog)}, waiting at most {@code requestTimeout} for each answer. */
  public KubernetesClient newClient(String name, ApiCallLog log, Duration requestTimeout) {
    return build(new ConfigBuilder(config()).withUserAgent(name)
        .withRequestTimeout(Math.toIntExact(requestTimeout.toMillis())).build(), log);
  }

  /** The API server's base URL, e.g. {@code http://127.0.0.1:34567/}. */
  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  public KubeSimOptions options() {
    return options;
  }

  public BehaviourScripts scripts() {
    return scripts;
  }

  public AvailabilityRecorder availability() {
    return availability;
  }

  /** The API server's fault injection, off until rules are injected. */
  public Faults faults() {
    return faults;
  }

  public GarbageCollector garbageCollector() {
    return garbageCollector;
  }

  /** A client configuration for the API server, e.g. to build a client with other settings. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withTrustCerts(true)
        .withTlsVersions(TlsVersion.TLS_1_2)
        .withNamespace("default")
        .withHttp2Disable(true)
        .withRequestRetryBackoffLimit(3)
        .build();
  }

  private KubernetesClient buildClient(String userAgent, ApiCallLog log) {
    Config config = config();
    if (userAgent != null) {
      config.setUserAgent(userAgent);
    }
    return build(config, log);
  }

  private static KubernetesClient build(Config config, ApiCallLog log) {
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
    if (log != null) {
      builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(ApiCallInterceptor.NAME, new ApiCallInterceptor(log)));
    }
    return builder.build();
  }

  /** Stops the controllers, then the API server. */
  @Override
  public void close() {
    controllers.forEach(c -> closeQuietly(c::close));
    closeQuietly(garbageCollector::close);
    closeQuietly(informers::close);
    closeQuietly(jobRunners::shutdownNow);
    closeQuietly(timers::shutdownNow);
    closeQuietly(controllerClient::close);
    closeQuietly(server::close);
    closeQuietly(faults::close);
  }

  private static void closeQuietly(Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.debug("kube-sim: error while closing: {}", e.toString());
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
