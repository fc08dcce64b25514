package io.milvus.operator.bench;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.PodBehaviour;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How much time the operator adds to each step of a rolling upgrade: a mixCoord cluster (5 components, 1 replica
 * each) is moved to a new image on kube-sim, where every pod becomes ready a fixed delay after it starts. The time the
 * pods themselves take (steps × delay) is subtracted from the upgrade's wall time; what is left, per step, is the
 * operator's reaction time. Upstream re-examines a Milvus every 30 s, so it adds up to 30 s per step.
 *
 * <p>Run: {@code ./bin/bench [runs] [readiness-delay-ms]}.
 */
public final class RollingStepBenchmark {

  private static final int STEPS = 5;
  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  public static void main(String[] args) throws Exception {
    // The in-memory API server logs every request at INFO; keep the logger referenced so the level sticks.
    java.util.logging.Logger mockServerLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    mockServerLog.setLevel(java.util.logging.Level.WARNING);
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Duration readiness = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 500);
    try (KubeSim sim = KubeSim.start(); KubernetesClient user = sim.newClient();
        KubernetesClient operatorClient = sim.newClient()) {
      sim.scripts().setDefault(PodBehaviour.readyAfter(readiness));
      for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
        user.apiextensions().v1().customResourceDefinitions()
            .load(RollingStepBenchmark.class.getResourceAsStream("/META-INF/fabric8/" + crd)).create();
      }
      OperatorSettings settings = OperatorSettings.standard()
          .withProbe((what, endpoints) -> new DependencyHealth(true, "benchmark: assumed reachable"));
      Operator operator = MilvusOperator.create(operatorClient, settings, Set.of(), Duration.ofMinutes(10));
      operator.start();
      List<Double> perStepMs = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        String name = "bench-" + run;
        user.resource(JSON.unmarshal(cluster(name), Milvus.class)).inNamespace("default").create();
        await(user, name, m -> MilvusPhase.HEALTHY.is(m.getStatus().getStatus()));
        long start = System.nanoTime();
        user.resources(Milvus.class).inNamespace("default").withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.4.23\"}}}");
        await(user, name, m -> "milvusdb/milvus:v2.4.23".equals(m.getStatus().getCurrentImage())
            && Conditions.isTrue(m.getStatus().getConditions(), Conditions.MILVUS_UPDATED));
        double wallMs = (System.nanoTime() - start) / 1e6;
        double addedPerStep = (wallMs - STEPS * readiness.toMillis()) / STEPS;
        perStepMs.add(addedPerStep);
        System.out.printf("run %d: upgrade took %.0f ms for %d steps with %d ms pod readiness -> %.0f ms added per step%n",
            run + 1, wallMs, STEPS, readiness.toMillis(), addedPerStep);
        user.resources(Milvus.class).inNamespace("default").withName(name).delete();
      }
      operator.stop();
      Collections.sort(perStepMs);
      System.out.printf("operator time added per rolling step: min %.0f ms, median %.0f ms, max %.0f ms (%d runs)%n",
          perStepMs.get(0), perStepMs.get(perStepMs.size() / 2), perStepMs.get(perStepMs.size() - 1), runs);
    }
  }

  private static void await(KubernetesClient user, String name, Predicate<Milvus> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Milvus m = user.resources(Milvus.class).inNamespace("default").withName(name).get();
      if (m != null && m.getStatus() != null && done.test(m)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("Milvus " + name + " did not get there in 2 minutes");
  }

  private static String cluster(String name) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
          namespace: default
        spec:
          mode: cluster
          components:
            image: milvusdb/milvus:v2.3.21
            mixCoord: {replicas: 1}
          dependencies:
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name);
  }
}
