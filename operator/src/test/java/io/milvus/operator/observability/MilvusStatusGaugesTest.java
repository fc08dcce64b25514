package io.milvus.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's Milvus gauges, as Prometheus scrapes them. */
class MilvusStatusGaugesTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Milvus> cache = new ArrayList<>();
  private final MilvusStatusGauges gauges = new MilvusStatusGauges(registry, () -> List.copyOf(cache));

  @Test
  void eachMilvusHasItsStatusAsUpstreamNumbersIt() {
    cache.add(milvus("a", "Healthy"));
    cache.add(milvus("b", "Unhealthy"));
    cache.add(milvus("c", null));
    cache.add(milvus("d", "Stopped"));
    Milvus maintained = milvus("e", "Healthy");
    maintained.getMetadata().setAnnotations(Map.of(MilvusStatusCode.MAINTAINING_ANNOTATION, "true"));
    cache.add(maintained);
    Milvus deleting = milvus("f", "Healthy");
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    cache.add(deleting);

    gauges.refresh();

    assertThat(registry.scrape()).contains(
        "milvus_status{milvus_name=\"a\",milvus_namespace=\"default\"} 1.0",
        "milvus_status{milvus_name=\"b\",milvus_namespace=\"default\"} 2.0",
        "milvus_status{milvus_name=\"c\",milvus_namespace=\"default\"} 0.0",
        "milvus_status{milvus_name=\"d\",milvus_namespace=\"default\"} 4.0",
        "milvus_status{milvus_name=\"e\",milvus_namespace=\"default\"} 5.0",
        "milvus_status{milvus_name=\"f\",milvus_namespace=\"default\"} 3.0",
        "milvus_total_count{status=\"healthy\"} 1.0",
        "milvus_total_count{status=\"pending\"} 1.0");
  }

  @Test
  void aDeletedMilvusLeavesTheScrape() {
    cache.add(milvus("gone", "Healthy"));
    gauges.refresh();
    cache.clear();

    gauges.refresh();

    assertThat(registry.scrape()).doesNotContain("milvus_name=\"gone\"").contains("milvus_total_count{status=\"healthy\"} 0.0");
  }

  @Test
  void aCacheThatCannotBeReadIsToldNotReportedAsZeroMilvus() {
    cache.add(milvus("a", "Healthy"));
    boolean[] readable = {true};
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MilvusStatusGauges flaky = new MilvusStatusGauges(registry, () -> {
      if (!readable[0]) {
        throw new IllegalStateException("not the leader");
      }
      return List.copyOf(cache);
    });
    flaky.refresh();
    assertThat(registry.scrape()).contains("milvus_status_cache_ready 1.0", "milvus_total_count{status=\"healthy\"} 1.0");

    readable[0] = false;
    flaky.refresh();

    assertThat(registry.scrape()).contains("milvus_status_cache_ready 0.0")
        .doesNotContain("milvus_total_count{").doesNotContain("milvus_name=\"a\"");
  }

  private static Milvus milvus(String name, String status) {
    Milvus milvus = TestMilvus.withSpec(name, "{}");
    if (status != null) {
      MilvusStatus s = new MilvusStatus();
      s.setStatus(status);
      milvus.setStatus(s);
    }
    return milvus;
  }
}
