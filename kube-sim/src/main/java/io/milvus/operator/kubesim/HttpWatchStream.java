package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A watch served as Kubernetes serves it over plain HTTP (kubectl's way): a chunked response with one JSON watch
 * event per line, open until the client leaves or the watch ends. The watch itself ({@link ObjectWatches}) writes to
 * a WebSocket; this class plays one. Writes never block, so the store may send from any thread.
 */
final class HttpWatchStream implements WebSocket {

  private final RecordedRequest request;
  private final HttpServerResponse response;
  private boolean closed;

  private HttpWatchStream(RecordedRequest request, HttpServerResponse response) {
    this.request = request;
    this.response = response;
  }

  /** A GET with {@code watch=true} that does not ask for a WebSocket upgrade. */
  static boolean isHttpWatch(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && request.getHeader(HttpHeaders.UPGRADE) == null
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
  }

  /** Streams the watch the dispatcher answered with; any other answer (an error) is sent as it is. */
  static void serve(HttpServerRequest httpRequest, RecordedRequest request, MockResponse answer) {
    HttpServerResponse response = httpRequest.response();
    WebSocketListener listener = answer.getWebSocketListener();
    if (listener == null) {
      response.setStatusCode(answer.code());
      answer.getHeaders().toMultimap().forEach(response::putHeader);
      response.end(io.vertx.core.buffer.Buffer.buffer(answer.getBody() == null ? new byte[0] : answer.getBody().getBytes()));
      return;
    }
    HttpWatchStream stream = new HttpWatchStream(request, response);
    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    response.writeHead();
    response.closeHandler(v -> {
      stream.markClosed();
      listener.onClosed(stream, 1000, "client closed the watch");
    });
    listener.onOpen(stream, answer);
  }

  private synchronized void markClosed() {
    closed = true;
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String event) {
    if (closed) {
      return false;
    }
    response.write(event + "\n", StandardCharsets.UTF_8.name());
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
