package io.milvus.operator.bench;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.kubesim.KubeSim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * kube-sim alone, no operator: N Milvus in N/50 namespaces are created by one client, then 4 clients read them the
 * way kubectl does for 5 s each: {@code kubectl get milvus -A} (Table list in pages of 500), {@code kubectl get milvus
 * NAME -n NS} (Table get), and a JSON list of one namespace (an informer's relist); then 4 clients patch labels
 * ({@code kubectl label}), and the Table get again while 2 clients patch, to show that reads do not wait for writes.
 * Prints requests per second.
 *
 * <p>Run: {@code ./bin/bench sim [N]}.
 */
public final class KubeSimThroughputBenchmark {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  private static final Duration PHASE = Duration.ofSeconds(5);

  private KubeSimThroughputBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = Math.max(1, n / 50);
    try (KubeSim sim = KubeSim.start(); KubernetesClient client = sim.newClient()) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(KubeSimThroughputBenchmark.class.getResourceAsStream("/META-INF/fabric8/milvuses.milvus.io-v1.yml"))
          .create();
      for (int i = 0; i < namespaces; i++) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("sim-" + i).endMetadata()
            .build()).create();
      }
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        client.resource(JSON.unmarshal("""
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata: {name: m%d}
            spec: {components: {image: "milvusdb/milvus:v2.3.21"}}
            """.formatted(i), Milvus.class)).inNamespace("sim-" + (i % namespaces)).create();
      }
      double createRate = n / ((System.nanoTime() - start) / 1e9);
      System.out.printf("kube-sim alone, %d Milvus in %d namespaces, %d cores%n", n, namespaces,
          Runtime.getRuntime().availableProcessors());
      System.out.println("| request | requests/s |");
      System.out.println("|---|---|");
      System.out.printf("| create Milvus (1 client) | %.0f |%n", createRate);
      System.out.printf("| kubectl get milvus -A (Table, pages of 500) | %.0f |%n",
          rate(sim, "/apis/milvus.io/v1beta1/milvuses?limit=500", TABLE, true));
      System.out.printf("| kubectl get milvus m0 -n sim-0 (Table) | %.0f |%n",
          rate(sim, "/apis/milvus.io/v1beta1/namespaces/sim-0/milvuses/m0", TABLE, false));
      System.out.printf("| list one namespace (JSON) | %.0f |%n",
          rate(sim, "/apis/milvus.io/v1beta1/namespaces/sim-0/milvuses", "application/json", false));
      System.out.printf("| get one (JSON) | %.0f |%n",
          rate(sim, "/apis/milvus.io/v1beta1/namespaces/sim-0/milvuses/m0", "application/json", false));
      System.out.printf("| kubectl label milvus (merge patch, 4 clients) | %.0f |%n",
          patchCount(sim, n, namespaces, 4) / (PHASE.toMillis() / 1000.0));
      AtomicLong patches = new AtomicLong();
      Thread writers = new Thread(() -> patches.set(patchCount(sim, n, namespaces, 2)));
      writers.start();
      double readsDuringWrites = rate(sim, "/apis/milvus.io/v1beta1/namespaces/sim-0/milvuses/m0", TABLE, false);
      writers.join();
      System.out.printf("| kubectl get milvus m0 -n sim-0 (Table) while 2 clients patch | %.0f (patches: %.0f/s) |%n",
          readsDuringWrites, patches.get() / (PHASE.toMillis() / 1000.0));
    }
  }

  /** Merge patches of a label on the N Milvus, round robin, by {@code clients} clients for 5 s. */
  private static long patchCount(KubeSim sim, int n, int namespaces, int clients) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + PHASE.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      int first = t;
      Thread thread = new Thread(() -> {
        try {
          for (int i = first; System.nanoTime() < end; i += clients) {
            int m = i % n;
            String path = "apis/milvus.io/v1beta1/namespaces/sim-" + (m % namespaces) + "/milvuses/m" + m;
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.url() + path))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                    "{\"metadata\":{\"labels\":{\"bench\":\"" + i + "\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
              throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
            }
            done.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return done.get();
  }

  /** Requests per second answered to 4 clients reading {@code path} for 5 s, following pages if asked. */
  static double rate(KubeSim sim, String path, String accept, boolean followPages) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + PHASE.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            String next = path;
            while (next != null) {
              HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.url() + next.substring(1)))
                  .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
              if (answer.statusCode() != 200) {
                throw new IllegalStateException(next + ": " + answer.statusCode());
              }
              done.incrementAndGet();
              next = followPages ? nextPage(path, answer.body()) : null;
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return done.get() / (PHASE.toMillis() / 1000.0);
  }

  private static String nextPage(String path, String body) {
    Object metadata = JSON.unmarshal(body, Map.class).get("metadata");
    Object token = metadata instanceof Map<?, ?> m ? m.get("continue") : null;
    return token == null || token.toString().isEmpty() ? null : path + "&continue=" + token;
  }
}
