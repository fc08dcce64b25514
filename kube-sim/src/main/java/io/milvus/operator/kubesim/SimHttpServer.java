package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API server's HTTP front: hands every request to the dispatcher and serves watches itself, over plain HTTP
 * (kubectl's way, {@link HttpWatchStream}) or a WebSocket (fabric8's way, {@link WebSocketWatchStream}). Unlike
 * fabric8's MockWebServer it keeps no copy of past requests, so a long-running sandbox does not grow.
 *
 * <p>The event loop only reads requests and writes answers: each request is dispatched on a pool of worker threads
 * ({@link #DISPATCH_THREADS}), because a dispatch can wait (a write waits for the store's write lock, a large list
 * or Table takes milliseconds of CPU). Reads take no lock, so they go on while a write waits or runs.
 */
final class SimHttpServer implements AutoCloseable {

  private static final long CLOSE_TIMEOUT_SECONDS = 10;
  /** Requests dispatched at once: enough to keep the cores busy while some wait for the store's write lock. */
  static final int DISPATCH_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final SimDispatcher dispatcher;
  private final HttpServer server;
  private final boolean https;
  private final String certificate;
  private final int port;

  private SimHttpServer(Vertx vertx, WorkerExecutor workers, HttpServer server, boolean https, String certificate,
      SimDispatcher dispatcher) {
    this.certificate = certificate;
    this.dispatcher = dispatcher;
    this.vertx = vertx;
    this.workers = workers;
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
    String pem = "";
    if (https) {
      SelfSignedCertificate certificate = SelfSignedCertificate.create(address.getHostAddress());
      options.setSsl(true).setKeyCertOptions(certificate.keyCertOptions()).setTrustOptions(certificate.trustOptions());
      pem = readCertificate(certificate);
    }
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("kube-sim-dispatch", DISPATCH_THREADS);
    HttpServer server = vertx.createHttpServer(options).requestHandler(request -> {
      if (isWatch(request)) {
        serveWatch(vertx, workers, dispatcher, request);
      } else {
        request.body().onFailure(e -> request.response().setStatusCode(400).end())
            .onSuccess(body -> dispatchOn(workers, dispatcher, recorded(request, body))
                .onComplete(done -> send(vertx, request, done.succeeded() ? done.result() : failed(done.cause()))));
      }
    });
    try {
      await(server.listen());
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
    return new SimHttpServer(vertx, workers, server, https, pem, dispatcher);
  }

  private static String readCertificate(SelfSignedCertificate certificate) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(certificate.certificatePath()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The PEM of the self-signed certificate it serves HTTPS with (its own CA), empty when it serves plain HTTP. */
  String caCertificate() {
    return certificate;
  }

  private static boolean isWatch(HttpServerRequest request) {
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
  }

  /**
   * A watch: the dispatch (which replays history under the store's write lock) and the stream's start run on a
   * worker; a WebSocket upgrade, which belongs to the request's event loop, is made there in between.
   */
  private static void serveWatch(Vertx vertx, WorkerExecutor workers, SimDispatcher dispatcher,
      HttpServerRequest request) {
    request.pause(); // nothing is read until the dispatch has answered
    RecordedRequest watch = recorded(request, null);
    Context loop = Vertx.currentContext();
    dispatchOn(workers, dispatcher, watch).onComplete(done -> loop.runOnContext(v -> {
      MockResponse answer = done.succeeded() ? done.result() : failed(done.cause());
      if (answer.getWebSocketListener() == null) {
        request.resume();
        send(vertx, request, answer); // an error, e.g. 410 Gone
      } else if (HttpWatchStream.isHttpWatch(request)) {
        request.resume();
        workers.executeBlocking(() -> {
          HttpWatchStream.serve(request, watch, answer);
          return null;
        }, false);
      } else {
        request.toWebSocket().onSuccess(socket -> workers.executeBlocking(() -> {
          WebSocketWatchStream.serve(socket, watch, answer);
          return null;
        }, false)).onFailure(e -> answer.getWebSocketListener().onFailure(null, e, answer));
      }
    }));
  }

  /** Runs the dispatch on a worker; answers complete in any order (a slow list does not hold up a get). */
  private static Future<MockResponse> dispatchOn(WorkerExecutor workers, SimDispatcher dispatcher,
      RecordedRequest request) {
    return workers.executeBlocking(() -> dispatcher.dispatch(request), false);
  }

  private static MockResponse failed(Throwable cause) {
    return Statuses.of(500, "InternalError", "kube-sim failed: " + cause);
  }

  /** Sends the answer, after its body delay (a fault) if it has one; callable from any thread. */
  private static void send(Vertx vertx, HttpServerRequest request, MockResponse answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.code());
    answer.getHeaders().toMultimap().forEach(response::putHeader);
    byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes();
    io.vertx.core.buffer.Buffer buffer = io.vertx.core.buffer.Buffer.buffer(body);
    Duration delay = answer.getBodyDelay();
    if (delay != null && !delay.isZero()) {
      vertx.setTimer(delay.toMillis(), t -> response.end(buffer));
    } else {
      response.end(buffer);
    }
  }

  /** The request as the dispatcher sees requests. */
  private static RecordedRequest recorded(HttpServerRequest request, io.vertx.core.buffer.Buffer body) {
    Headers headers = Headers.builder().addAll(request.headers()).build();
    return new RecordedRequest(request.version().alpnName().toUpperCase(java.util.Locale.ROOT),
        HttpMethod.fromVertx(request.method()), request.uri(), headers,
        body == null ? new Buffer() : new Buffer(body.getBytes()));
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
      await(workers.close());
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
