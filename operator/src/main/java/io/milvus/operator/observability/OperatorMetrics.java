package io.milvus.operator.observability;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything {@code /metrics} shows: JOSDK's reconciliation metrics (without per-resource series, whose cardinality
 * grows with the number of Milvus resources), the Milvus gauges and the JVM's memory and threads.
 */
public final class OperatorMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Metrics josdkMetrics = MicrometerMetrics.withoutPerResourceMetrics(registry);
  private final MilvusStatusGauges milvusGauges;

  /** @param milvuses the Milvus resources in the operator's cache; throws when that cannot be read */
  public OperatorMetrics(Supplier<List<Milvus>> milvuses) {
    milvusGauges = new MilvusStatusGauges(registry, milvuses);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  /** For {@code ConfigurationServiceOverrider.withMetrics}. */
  public Metrics josdkMetrics() {
    return josdkMetrics;
  }

  /** The Prometheus text exposition, with the Milvus gauges brought up to date first. */
  public String scrape() {
    milvusGauges.refresh();
    return registry.scrape();
  }
}
