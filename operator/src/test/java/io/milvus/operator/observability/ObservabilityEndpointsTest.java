package io.milvus.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObservabilityEndpointsTest {

  private static final Optional<BindAddress> ANY_LOOPBACK_PORT = Optional.of(new BindAddress("127.0.0.1", 0));
  /** Another address than the one above (a free port too), so that the two endpoints get a server each. */
  private static final Optional<BindAddress> ANY_LOCALHOST_PORT = Optional.of(new BindAddress("localhost", 0));
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsHealthAndReadinessOnTheirOwnPorts() throws Exception {
    AtomicBoolean started = new AtomicBoolean(false);
    try (ObservabilityEndpoints endpoints = ObservabilityEndpoints.start(ANY_LOOPBACK_PORT, ANY_LOCALHOST_PORT,
        () -> "milvus_status 1.0\n", started::get)) {
      int metrics = endpoints.portOf("/metrics");
      int health = endpoints.portOf("/healthz");

      assertThat(metrics).isNotEqualTo(health);
      HttpResponse<String> scrape = get(metrics, "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).isEqualTo("milvus_status 1.0\n");
      assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
      assertThat(get(health, "/healthz").statusCode()).as("alive while starting").isEqualTo(200);
      assertThat(get(health, "/readyz").statusCode()).as("not ready before start").isEqualTo(503);
      started.set(true);
      assertThat(get(health, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(health, "/healthzx").statusCode()).isEqualTo(404);
      assertThat(get(health, "/metrics").statusCode()).as("metrics only on the metrics port").isEqualTo(404);
    }
  }

  @Test
  void oneAddressServesEverythingAndZeroSwitchesAnEndpointOff() throws Exception {
    try (ObservabilityEndpoints endpoints = ObservabilityEndpoints.start(ANY_LOOPBACK_PORT, ANY_LOOPBACK_PORT,
        () -> "m 1.0\n", () -> true)) {
      assertThat(endpoints.portOf("/metrics")).isEqualTo(endpoints.portOf("/healthz"));
      assertThat(get(endpoints.portOf("/healthz"), "/metrics").body()).isEqualTo("m 1.0\n");
    }
    try (ObservabilityEndpoints endpoints = ObservabilityEndpoints.start(Optional.empty(), ANY_LOOPBACK_PORT,
        () -> "", () -> true)) {
      assertThat(get(endpoints.portOf("/healthz"), "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(endpoints.portOf("/healthz"), "/metrics").statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
