package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A watch served as Kubernetes serves it over plain HTTP: a chunked response with one JSON watch event per line,
 * open until the client leaves or {@code timeoutSeconds} pass. The events come from the CRUD store's watch listener,
 * which was written for WebSockets: this class plays the WebSocket it writes to.
 */
final class HttpWatchStream implements WebSocket {

  private final RecordedRequest request;
  private final HttpServerResponse response;
  private final UnaryOperator<String> eventRewriter;
  private volatile boolean closed;

  private HttpWatchStream(RecordedRequest request, HttpServerResponse response, UnaryOperator<String> eventRewriter) {
    this.request = request;
    this.response = response;
    this.eventRewriter = eventRewriter;
  }

  /** A GET with {@code watch=true} that does not ask for a WebSocket upgrade. */
  static boolean isHttpWatch(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && request.getHeader(HttpHeaders.UPGRADE) == null
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
  }

  /**
   * Streams the watch the dispatcher answered with; any other answer (an error) is sent as it is.
   * {@code eventRewriter} may change each event's JSON (e.g. into a Table row) before it is sent.
   */
  static void serve(Vertx vertx, HttpServerRequest httpRequest, RecordedRequest request, MockResponse answer,
      UnaryOperator<String> eventRewriter) {
    HttpServerResponse response = httpRequest.response();
    WebSocketListener listener = answer.getWebSocketListener();
    if (listener == null) {
      response.setStatusCode(answer.code());
      answer.getHeaders().toMultimap().forEach(response::putHeader);
      response.end(io.vertx.core.buffer.Buffer.buffer(answer.getBody() == null ? new byte[0] : answer.getBody().getBytes()));
      return;
    }
    HttpWatchStream stream = new HttpWatchStream(request, response, eventRewriter);
    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    response.writeHead();
    response.closeHandler(v -> stream.clientLeft(listener));
    long timeoutSeconds = timeoutSeconds(httpRequest);
    if (timeoutSeconds > 0) {
      vertx.setTimer(timeoutSeconds * 1000, id -> {
        stream.close(1000, "timeout");
        listener.onClosed(stream, 1000, "timeout");
      });
    }
    listener.onOpen(stream, answer);
  }

  private static long timeoutSeconds(HttpServerRequest request) {
    try {
      String value = request.getParam("timeoutSeconds");
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void clientLeft(WebSocketListener listener) {
    synchronized (this) {
      closed = true;
    }
    listener.onClosed(this, 1000, "client closed the watch");
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String text) {
    if (closed) {
      return false;
    }
    String event = eventRewriter.apply(text);
    if (event != null) {
      response.write(event + "\n", StandardCharsets.UTF_8.name());
    }
    return true;
  }

  @Override
  public boolean send(byte[] bytes) {
    return send(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized boolean close(int code, String reason) {
    if (closed) {
      return false;
    }
    closed = true;
    response.end();
    return true;
  }
}
