package io.milvus.operator.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's Milvus gauges: {@code milvus_status{milvus_namespace,milvus_name}} (see {@link MilvusStatusCode}) and
 * {@code milvus_total_count{status}}. Refreshed from the operator's own cache right before a scrape, so they cost no
 * API call and a deleted Milvus disappears from the scrape with its cache entry. When the cache cannot be read (this
 * replica does not lead, or the controller has not started), both are left out rather than reported as zero Milvus,
 * and {@code milvus_status_cache_ready} is 0.
 */
public final class MilvusStatusGauges {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusStatusGauges.class);

  private final Supplier<List<Milvus>> milvuses;
  private final MultiGauge status;
  private final MultiGauge totals;
  private final AtomicInteger cacheReady = new AtomicInteger();

  public MilvusStatusGauges(MeterRegistry registry, Supplier<List<Milvus>> milvuses) {
    this.milvuses = milvuses;
    this.status = MultiGauge.builder("milvus.status")
        .description("Milvus status: 0 pending, 1 healthy, 2 unhealthy, 3 deleting, 4 stopped, 5 maintaining")
        .register(registry);
    this.totals = MultiGauge.builder("milvus.total.count")
        .description("Number of Milvus resources by status")
        .register(registry);
    Gauge.builder("milvus.status.cache.ready", cacheReady, AtomicInteger::get)
        .description("1 when milvus_status and milvus_total_count reflect the operator's cache, "
            + "0 when it could not be read")
        .register(registry);
  }

  public void refresh() {
    List<Milvus> current;
    try {
      current = milvuses.get();
    } catch (RuntimeException unreadable) {
      if (cacheReady.getAndSet(0) == 1) {
        LOG.warn("Milvus gauges left out of the scrape: {}", unreadable.getMessage());
      }
      status.register(List.of(), true);
      totals.register(List.of(), true);
      return;
    }
    cacheReady.set(1);
    status.register(current.stream()
        .map(m -> Row.of(Tags.of("milvus_namespace", m.getMetadata().getNamespace(),
            "milvus_name", m.getMetadata().getName()), MilvusStatusCode.of(m).value()))
        .toList(), true);
    Map<MilvusStatusCode, Long> counts = current.stream()
        .collect(Collectors.groupingBy(MilvusStatusCode::of, Collectors.counting()));
    totals.register(Arrays.stream(MilvusStatusCode.values())
        .map(code -> Row.of(Tags.of("status", code.name().toLowerCase()), counts.getOrDefault(code, 0L)))
        .toList(), true);
  }
}
