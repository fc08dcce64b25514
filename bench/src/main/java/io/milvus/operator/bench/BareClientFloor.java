package io.milvus.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor of convergence: on a fresh kube-sim, a bare client sends for each Milvus its create and then the creates
 * the operator sent for it (the operator's own request bodies, recorded in the same run; only the owner's uid is the
 * new Milvus's), with as many Milvus in flight as the operator has reconcile threads, and no reads, no status, no
 * Events. The time from the first create until every pod is ready is what no operator can beat on this kube-sim
 * and machine: it is kube-sim's admission, storage, controllers and kubelet, and the pods' readiness delay.
 */
final class BareClientFloor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTANCE = "app.kubernetes.io/instance";

  /**
   * @param seconds from the first create until every pod is ready
   * @param cpuMillisPerMilvus this JVM's CPU time (kube-sim and the bare client) over the same time, per Milvus
   * @param objectsPerMilvus the operator's creates replayed per Milvus
   */
  record Result(double seconds, double cpuMillisPerMilvus, double objectsPerMilvus) {
  }

  /** One Milvus: where it lives, its own create, and the operator's creates for it in the order it sent them. */
  private record Instance(String namespace, String name, String milvus, List<ApiCallLog.Create> creates) {
  }

  private BareClientFloor() {
  }

  /**
   * @param operatorCreates what the operator created while N Milvus converged (Events are left out: they are reports,
   *     not what the Milvus needs)
   * @param milvusOf the Milvus a user created, as JSON, by name
   * @param pods the pods that were ready once the operator's N Milvus were all Healthy
   */
  static Result measure(KubeSim sim, KubernetesClient client, List<ApiCallLog.Create> operatorCreates,
      java.util.function.Function<String, String> milvusOf, int pods, int concurrency) throws Exception {
    List<Instance> instances = instances(operatorCreates, milvusOf);
    int objects = instances.stream().mapToInt(i -> i.creates().size()).sum();
    HttpClient http = client.getHttpClient();
    String base = sim.url().replaceAll("/$", "");
    ExecutorService senders = Executors.newFixedThreadPool(concurrency);
    try (Counting<Pod> ready = Counting.of(client, Pod.class, BareClientFloor::isReady)) {
      long start = System.nanoTime();
      long cpuAtStart = ScaleBenchmark.processCpuNanos();
      List<Future<?>> sent = new ArrayList<>();
      for (Instance instance : instances) {
        sent.add(senders.submit(() -> {
          create(http, base, instance, instance.milvus());
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      ready.awaitAtLeast(pods, start, "pods ready (floor)");
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (ScaleBenchmark.processCpuNanos() - cpuAtStart) / 1e6 / instances.size();
      return new Result(seconds, cpu, objects / (double) instances.size());
    } finally {
      senders.shutdownNow();
    }
  }

  /** Groups the operator's creates by the Milvus they are for (its instance label, which every object carries). */
  private static List<Instance> instances(List<ApiCallLog.Create> creates,
      java.util.function.Function<String, String> milvusOf) throws IOException {
    Map<String, Instance> byMilvus = new LinkedHashMap<>();
    for (ApiCallLog.Create create : creates) {
      if ("events".equals(create.call().resource())) {
        continue;
      }
      JsonNode labels = JSON.readTree(create.body()).path("metadata").path("labels");
      if (!labels.has(INSTANCE)) {
        throw new IllegalStateException("an operator's create with no " + INSTANCE + " label: " + create.call());
      }
      String namespace = create.call().namespace();
      String name = labels.get(INSTANCE).asText();
      byMilvus.computeIfAbsent(namespace + "/" + name,
          k -> new Instance(namespace, name, milvusOf.apply(name), new ArrayList<>())).creates().add(create);
    }
    return List.copyOf(byMilvus.values());
  }

  /** The Milvus, then each object with the new Milvus as its owner, one after another as a reconcile would. */
  private static void create(HttpClient http, String base, Instance instance, String milvusJson) throws Exception {
    String uid = post(http, base + "/apis/milvus.io/v1beta1/namespaces/" + instance.namespace() + "/milvuses",
        milvusJson).path("metadata").path("uid").asText();
    for (ApiCallLog.Create create : instance.creates()) {
      ObjectNode object = (ObjectNode) JSON.readTree(create.body());
      for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
        if ("Milvus".equals(owner.path("kind").asText())) {
          ((ObjectNode) owner).put("uid", uid);
        }
      }
      post(http, base + path(create.call()), JSON.writeValueAsString(object));
    }
  }

  private static String path(ApiCallLog.ApiCall call) {
    String prefix = call.group().isEmpty() ? "/api/" + call.version()
        : "/apis/" + call.group() + "/" + call.version();
    return prefix + (call.namespace() == null ? "" : "/namespaces/" + call.namespace()) + "/" + call.resource();
  }

  private static JsonNode post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().uri(url)
        .post("application/json", body).build(), String.class).get();
    if (response.code() != 201) {
      throw new IllegalStateException("create " + url + ": " + response.code() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pod of a Milvus (kube-sim runs none of its own) with the Ready condition true. */
  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
