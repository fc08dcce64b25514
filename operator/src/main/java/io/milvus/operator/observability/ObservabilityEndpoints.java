package io.milvus.operator.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /metrics} on the metrics address, {@code /healthz} and {@code /readyz} on the health address (one server when
 * both are the same). Liveness is a plain ping as upstream's: an operator that is waiting for the leader lease, or
 * whose informers reconnect, is alive, and restarting it would not help. Readiness says the operator has started.
 */
public final class ObservabilityEndpoints implements AutoCloseable {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final List<HttpServer> servers = new ArrayList<>();
  private final Map<String, HttpServer> serverByPath = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "observability-http");
    thread.setDaemon(true);
    return thread;
  });

  private ObservabilityEndpoints() {}

  /**
   * @param scrape the Prometheus text to serve on {@code /metrics}
   * @param ready whether {@code /readyz} answers 200
   */
  public static ObservabilityEndpoints start(Optional<BindAddress> metrics, Optional<BindAddress> health,
      Supplier<String> scrape, BooleanSupplier ready) {
    Map<BindAddress, Map<String, HttpHandler>> byAddress = new LinkedHashMap<>();
    metrics.ifPresent(a -> byAddress.computeIfAbsent(a, k -> new LinkedHashMap<>())
        .put("/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, scrape.get())));
    health.ifPresent(a -> {
      Map<String, HttpHandler> handlers = byAddress.computeIfAbsent(a, k -> new LinkedHashMap<>());
      handlers.put("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok"));
      handlers.put("/readyz", exchange -> {
        boolean isReady = ready.getAsBoolean();
        answer(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ok" : "operator not started");
      });
    });
    ObservabilityEndpoints endpoints = new ObservabilityEndpoints();
    try {
      byAddress.forEach(endpoints::serve);
    } catch (UncheckedIOException e) {
      endpoints.close();
      throw e;
    }
    return endpoints;
  }

  /** The port actually bound for the server that serves {@code path} (useful with port 0 in tests). */
  public int portOf(String path) {
    HttpServer server = serverByPath.get(path);
    if (server == null) {
      throw new IllegalStateException("No endpoint " + path);
    }
    return server.getAddress().getPort();
  }

  private void serve(BindAddress address, Map<String, HttpHandler> handlers) {
    try {
      HttpServer server = HttpServer.create(address.socketAddress(), 16);
      handlers.forEach((path, handler) -> server.createContext(path, exchange -> {
        // createContext matches prefixes; /healthzfoo is not /healthz
        if (!exchange.getRequestURI().getPath().equals(path)) {
          answer(exchange, 404, "text/plain", "not found");
        } else {
          handler.handle(exchange);
        }
      }));
      server.setExecutor(executor);
      server.start();
      servers.add(server);
      handlers.keySet().forEach(path -> serverByPath.put(path, server));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + address.host() + ":" + address.port(), e);
    }
  }

  private static void answer(HttpExchange exchange, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    executor.shutdownNow();
  }
}
