package io.milvus.operator.bench;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.KubeSimOptions;
import io.milvus.operator.reconcile.MilvusCache;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The operator and kube-sim at scale: N standalone Milvus in N/50 namespaces (at least one) on kube-sim, pods ready
 * a fixed delay after they start, operator and API server in this JVM. For each N it prints one row: how long until
 * every Milvus is Healthy (from the first create), how fast a spec change reaches the object it changes (an image
 * patch, until the Deployment carries the image) with all N present, the operator's API requests per Milvus while
 * converging by verb, its writes during an idle resync once the patched ones have settled (should be 0; the window
 * is one resync period plus 10 s), and kube-sim through kubectl's path
 * (a Table list of every Milvus in pages of 500, and a Table get of one), in requests per second. A second table
 * sets the time to Healthy against its floor: a bare client creating the same objects on a fresh kube-sim
 * ({@link BareClientFloor}).
 *
 * <p>Run: {@code ./bin/bench scale [N,N,...] [readiness-delay-ms]}, e.g. {@code ./bin/bench scale 10,100,1000 1000}.
 */
public final class ScaleBenchmark {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  private static final Duration RESYNC = Duration.ofSeconds(20);
  static final Duration GIVE_UP = Duration.ofMinutes(45);
  private static final Duration QUIET = Duration.ofSeconds(5);
  /** Enough for a p99 that is not simply the slowest sample. */
  private static final int REACTION_SAMPLES = 200;
  /** Between a sample's answer and the next patch, so that no sample waits behind the last one's rollout start. */
  private static final Duration REACTION_GAP = Duration.ofMillis(100);
  private static final String NEW_IMAGE = "milvusdb/milvus:v2.4.23";

  /** One N's results. */
  record Row(int n, int namespaces, double createSeconds, double healthySeconds, double reactionP50Ms,
      double reactionP99Ms, Map<String, Double> requestsPerMilvus, long idleWrites, double listTablesPerSecond,
      double getTablesPerSecond, double simRequestsPerSecond, double cpuMillisPerMilvus, double reconcilesPerMilvus,
      double wakingEventsPerMilvus, double reactionP90Ms, int reactionSamples, BareClientFloor.Result floor) {

    Row withFloor(BareClientFloor.Result measured) {
      return new Row(n, namespaces, createSeconds, healthySeconds, reactionP50Ms, reactionP99Ms, requestsPerMilvus,
          idleWrites, listTablesPerSecond, getTablesPerSecond, simRequestsPerSecond, cpuMillisPerMilvus,
          reconcilesPerMilvus, wakingEventsPerMilvus, reactionP90Ms, reactionSamples, measured);
    }
  }

  /** Counts the Milvus reconciles and the informer events that reached a controller (after the filters). */
  static final class ReconcileCount implements Metrics {
    final java.util.concurrent.atomic.LongAdder reconciles = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
      if (resource instanceof Milvus) {
        reconciles.increment();
      }
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) {
      events.increment();
    }
  }

  private ScaleBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    List<Integer> counts = args.length > 0
        ? java.util.Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList() : List.of(10, 100, 1000);
    Duration readiness = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    System.out.printf("scale benchmark: N=%s, pods ready after %d ms, resync %d s, %d cores, load average %s%n",
        counts, readiness.toMillis(), RESYNC.toSeconds(), Runtime.getRuntime().availableProcessors(), load());
    List<Row> rows = new ArrayList<>();
    for (int n : counts) {
      Row row = measure(n, readiness);
      rows.add(row);
      System.out.println("done: " + row);
    }
    print(rows);
    printBound(rows);
  }

  private static Row measure(int n, Duration readiness) throws Exception {
    int namespaces = Math.max(1, n / 50);
    ApiCallLog log = ApiCallLog.keepingCreateBodies();
    Row row;
    List<ApiCallLog.Create> creates;
    int readyPods;
    try (KubeSim sim = KubeSim.start(KubeSimOptions.defaults().withDefaultReadyDelay(readiness));
        KubernetesClient user = patientClient(sim); KubernetesClient operatorClient = sim.newClient(log)) {
      prepare(user, namespaces);
      OperatorSettings settings = OperatorSettings.standard()
          .withProbe((what, endpoints) -> new DependencyHealth(true, "benchmark: taken as reachable"));
      ReconcileCount count = new ReconcileCount();
      Operator operator = MilvusOperator.create(operatorClient, settings, Set.of(), RESYNC,
          o -> o.withMetrics(count), new MilvusCache());
      operator.start();
      try (Counting<Milvus> healthy = Counting.of(user, Milvus.class,
          m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus()))) {
        long start = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        for (int i = 0; i < n; i++) {
          user.resource(JSON.unmarshal(standalone(name(i)), Milvus.class)).inNamespace(namespace(i % namespaces))
              .create();
        }
        double createSeconds = seconds(start);
        healthy.awaitAtLeast(n, start, "Healthy");
        double healthySeconds = seconds(start);
        double cpuMillisPerMilvus = (processCpuNanos() - cpuAtStart) / 1e6 / n;
        double reconcilesPerMilvus = count.reconciles.sum() / (double) n;
        double eventsPerMilvus = count.events.sum() / (double) n;
        creates = log.creates();
        readyPods = (int) user.pods().inAnyNamespace().list().getItems().stream().filter(BareClientFloor::isReady)
            .count();
        double simRate = log.calls().size() / healthySeconds;
        Map<String, Double> perMilvus = new TreeMap<>(log.calls().stream()
            .collect(Collectors.groupingBy(ApiCallLog.ApiCall::verb, Collectors.counting()))
            .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / (double) n)));
        List<Double> reactions = reactions(user, n, namespaces);
        awaitQuiet(log);
        int callsBefore = log.calls().size();
        Thread.sleep(RESYNC.plusSeconds(10).toMillis());
        List<ApiCallLog.ApiCall> idle = log.calls().subList(callsBefore, log.calls().size());
        long idleWrites = idle.stream().filter(ApiCallLog.ApiCall::isWrite).count();
        if (idleWrites > 0) {
          System.out.println("  writes during the idle resync: " + idle.stream().filter(ApiCallLog.ApiCall::isWrite)
              .collect(Collectors.groupingBy(c -> c.verb() + " " + c.resource()
                  + (c.subresource() == null ? "" : "/" + c.subresource()), TreeMap::new, Collectors.counting())));
        }
        double listRate = rate(sim, "/apis/milvus.io/v1beta1/milvuses?limit=500", true);
        double getRate = rate(sim, "/apis/milvus.io/v1beta1/namespaces/" + namespace(0) + "/milvuses/" + name(0), false);
        Collections.sort(reactions);
        row = new Row(n, namespaces, createSeconds, healthySeconds, percentile(reactions, 50),
            percentile(reactions, 99), perMilvus, idleWrites, listRate, getRate, simRate, cpuMillisPerMilvus,
            reconcilesPerMilvus, eventsPerMilvus, percentile(reactions, 90), reactions.size(), null);
      } finally {
        operator.stop();
      }
    }
    try (KubeSim sim = KubeSim.start(KubeSimOptions.defaults().withDefaultReadyDelay(readiness));
        KubernetesClient bare = patientClient(sim)) {
      prepare(bare, namespaces);
      return row.withFloor(BareClientFloor.measure(sim, bare, creates,
          name -> JSON.asJson(JSON.unmarshal(standalone(name), Milvus.class)), readyPods,
          MilvusOperator.defaultConcurrentReconciles()));
    }
  }

  /** The CRDs and the namespaces, before the clock starts. */
  private static void prepare(KubernetesClient user, int namespaces) {
    for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
      user.apiextensions().v1().customResourceDefinitions()
          .load(ScaleBenchmark.class.getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    for (int i = 0; i < namespaces; i++) {
      user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace(i)).endMetadata()
          .build()).create();
    }
  }

  /** The benchmark's own client waits as long as it takes: on a loaded machine a create may take over 10 s. */
  private static KubernetesClient patientClient(KubeSim sim) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(sim.config()).withRequestTimeout(120_000).build())
        .build();
  }

  /** Times from an image patch of a Milvus to the first sight of its Deployment with that image. */
  private static List<Double> reactions(KubernetesClient user, int n, int namespaces) throws InterruptedException {
    Map<String, Long> seenAt = new ConcurrentHashMap<>();
    SharedIndexInformer<Deployment> informer = user.apps().deployments().inAnyNamespace().inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Deployment d) {
            onUpdate(null, d);
          }

          @Override
          public void onUpdate(Deployment old, Deployment d) {
            boolean updated = d.getSpec().getTemplate().getSpec().getContainers().stream()
                .anyMatch(c -> NEW_IMAGE.equals(c.getImage()));
            if (updated) {
              seenAt.putIfAbsent(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(), System.nanoTime());
            }
          }

          @Override
          public void onDelete(Deployment d, boolean unknown) {
          }
        });
    List<Double> millis = new ArrayList<>();
    try {
      int samples = Math.min(REACTION_SAMPLES, n);
      for (int s = 0; s < samples; s++) {
        int i = s * n / samples;
        String ns = namespace(i % namespaces);
        String key = ns + "/" + name(i) + "-milvus-standalone";
        long sent = System.nanoTime();
        user.resources(Milvus.class).inNamespace(ns).withName(name(i)).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"components\":{\"image\":\"" + NEW_IMAGE + "\"}}}");
        long deadline = sent + Duration.ofSeconds(60).toNanos();
        while (!seenAt.containsKey(key) && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        Long seen = seenAt.get(key);
        millis.add(seen == null ? Double.POSITIVE_INFINITY : (seen - sent) / 1e6);
        Thread.sleep(REACTION_GAP.toMillis());
      }
    } finally {
      informer.close();
    }
    return millis;
  }

  /** Waits until the operator has written nothing for 5 s: the patched Milvus have rolled and settled. */
  private static void awaitQuiet(ApiCallLog log) throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    long writes = log.writes();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      long now = log.writes();
      if (now != writes) {
        writes = now;
        quietSince = System.nanoTime();
      }
    }
  }

  private static double rate(KubeSim sim, String path, boolean followPages) throws Exception {
    return KubeSimThroughputBenchmark.rate(sim, path, TABLE, followPages);
  }

  private static void print(List<Row> rows) {
    System.out.println();
    System.out.println("| N | namespaces | create all (s) | all Healthy (s) | reaction p50 (ms) | reaction p99 (ms) "
        + "| operator requests per Milvus while converging | idle-resync writes | kubectl list Table (req/s) "
        + "| kubectl get Table (req/s) | operator requests/s while converging | CPU per Milvus while converging (ms) "
        + "| reconciles per Milvus while converging | events reaching the controllers per Milvus |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      String verbs = r.requestsPerMilvus().entrySet().stream()
          .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
      System.out.printf("| %d | %d | %.1f | %.1f | %.0f | %.0f | %s | %d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f |%n",
          r.n(),
          r.namespaces(), r.createSeconds(), r.healthySeconds(), r.reactionP50Ms(), r.reactionP99Ms(), verbs,
          r.idleWrites(), r.listTablesPerSecond(), r.getTablesPerSecond(), r.simRequestsPerSecond(),
          r.cpuMillisPerMilvus(), r.reconcilesPerMilvus(), r.wakingEventsPerMilvus());
    }
  }

  /** Convergence against its floor: a bare client creating the same objects (see {@link BareClientFloor}). */
  private static void printBound(List<Row> rows) {
    System.out.println();
    System.out.println("| N | floor: bare client's creates until all pods ready (s) | all Healthy / floor "
        + "| floor CPU per Milvus (ms) | CPU per Milvus / floor's | objects created per Milvus "
        + "| reaction p50 / p90 / p99 (ms, samples) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      BareClientFloor.Result f = r.floor();
      System.out.printf("| %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f / %.0f / %.0f (%d) |%n", r.n(), f.seconds(),
          r.healthySeconds() / f.seconds(), f.cpuMillisPerMilvus(), r.cpuMillisPerMilvus() / f.cpuMillisPerMilvus(),
          f.objectsPerMilvus(), r.reactionP50Ms(), r.reactionP90Ms(), r.reactionP99Ms(), r.reactionSamples());
    }
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /**
   * CPU time of this whole JVM (operator, kube-sim and the benchmark's client): unlike the wall clock, it does not
   * grow with the machine's load, so runs on a busy machine compare.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String namespace(int i) {
    return "scale-" + i;
  }

  private static String name(int i) {
    return "m" + i;
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static String standalone(String name) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          components:
            image: milvusdb/milvus:v2.3.21
        """.formatted(name);
  }
}
