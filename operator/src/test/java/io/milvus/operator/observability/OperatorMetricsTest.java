package io.milvus.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.reconcile.MilvusCache;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real operator's /metrics content: JOSDK's reconciliation metrics and the Milvus gauges from its own cache. */
class OperatorMetricsTest {

  @Test
  void aHealthyMilvusShowsInTheScrapeAndLeavesItWhenDeleted() {
    MilvusCache cache = new MilvusCache();
    OperatorMetrics metrics = new OperatorMetrics(cache::milvuses);
    try (KubeSim sim = KubeSim.start(); KubernetesClient user = sim.newClient();
        KubernetesClient operatorClient = sim.newClient()) {
      for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
        user.apiextensions().v1().customResourceDefinitions()
            .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
      }
      OperatorSettings settings = OperatorSettings.standard()
          .withProbe((what, endpoints) -> new DependencyHealth(true, "reachable (test)"));
      Operator operator = MilvusOperator.create(operatorClient, settings, Set.of(), Duration.ofMinutes(5),
          o -> o.withMetrics(metrics.josdkMetrics()), cache);
      operator.start();
      try {
        user.resource(TestMilvus.parse(TestMilvus.SEED)).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics.scrape())
            .contains("milvus_status{milvus_name=\"my-release\",milvus_namespace=\"default\"} 1.0")
            .contains("milvus_total_count{status=\"healthy\"} 1.0"));
        assertThat(metrics.scrape()).contains("operator_sdk_reconciliations_", "jvm_memory_used_bytes");

        user.resources(Milvus.class).inNamespace("default").withName("my-release").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics.scrape())
            .doesNotContain("milvus_name=\"my-release\""));
      } finally {
        operator.stop();
      }
    }
  }
}
