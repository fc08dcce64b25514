package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API server's HTTP front: hands every request to the dispatcher, as fabric8's MockWebServer does, and serves
 * watches itself, over plain HTTP (kubectl's way, {@link HttpWatchStream}) or a WebSocket (fabric8's way,
 * {@link WebSocketWatchStream}). Unlike MockWebServer it keeps no copy of past requests, so a long-running sandbox
 * does not grow.
 */
final class SimHttpServer implements AutoCloseable {

  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final SimDispatcher dispatcher;
  private final HttpServer server;
  private final boolean https;
  private final int port;

  private SimHttpServer(Vertx vertx, HttpServer server, boolean https, SimDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.vertx = vertx;
    this.server = server;
    this.https = https;
    this.port = server.actualPort();
  }

  /** Listens on {@code address:port} (0 for a free port) and dispatches every request to {@code dispatcher}. */
  static SimHttpServer start(SimDispatcher dispatcher, InetAddress address, int port, boolean https) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    HttpServerOptions options = new HttpServerOptions().setHost(address.getHostAddress()).setPort(port)
        .setHandle100ContinueAutomatically(true)
        .setWebSocketSubProtocols(List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
            "channel.k8s.io"));
    if (https) {
      SelfSignedCertificate certificate = SelfSignedCertificate.create(address.getHostAddress());
      options.setSsl(true).setKeyCertOptions(certificate.keyCertOptions()).setTrustOptions(certificate.trustOptions());
    }
    HttpServerRequestHandler plain = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    HttpServer server = vertx.createHttpServer(options).requestHandler(request -> {
      if (isWatch(request)) {
        RecordedRequest watch = recorded(request);
        MockResponse answer = dispatcher.dispatch(watch);
        if (answer.getWebSocketListener() == null) {
          sendAsItIs(request, answer);
        } else if (HttpWatchStream.isHttpWatch(request)) {
          HttpWatchStream.serve(request, watch, answer);
        } else {
          request.toWebSocket().onSuccess(socket -> WebSocketWatchStream.serve(socket, watch, answer))
              .onFailure(e -> answer.getWebSocketListener().onFailure(null, e, answer));
        }
      } else {
        plain.handle(request);
      }
    });
    try {
      await(server.listen());
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
    return new SimHttpServer(vertx, server, https, dispatcher);
  }

  private static boolean isWatch(HttpServerRequest request) {
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
  }

  private static void sendAsItIs(HttpServerRequest request, MockResponse answer) {
    request.response().setStatusCode(answer.code());
    answer.getHeaders().toMultimap().forEach(request.response()::putHeader);
    request.response().end(io.vertx.core.buffer.Buffer.buffer(
        answer.getBody() == null ? new byte[0] : answer.getBody().getBytes()));
  }

  /** A bodiless request (a watch) as the dispatcher sees requests. */
  private static RecordedRequest recorded(HttpServerRequest request) {
    Headers headers = Headers.builder().addAll(request.headers()).build();
    return new RecordedRequest(request.version().alpnName().toUpperCase(java.util.Locale.ROOT),
        HttpMethod.fromVertx(request.method()), request.uri(), headers, new Buffer());
  }

  int port() {
    return port;
  }

  /** The base URL with a trailing slash, e.g. {@code http://127.0.0.1:34567/}. */
  String url() {
    return (https ? "https" : "http") + "://127.0.0.1:" + port + "/";
  }

  @Override
  public void close() {
    try {
      await(server.close());
    } finally {
      try {
        await(vertx.close());
      } finally {
        dispatcher.close();
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("kube-sim HTTP server: " + e.getMessage(), e);
    }
  }
}
