package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A watch served as Kubernetes serves it over plain HTTP (kubectl's way): a chunked response with one JSON watch
 * event per line, open until the client leaves or the watch ends.
 */
final class HttpWatchStream extends WatchStream {

  private final HttpServerResponse response;

  private HttpWatchStream(RecordedRequest request, HttpServerResponse response) {
    super(request);
    this.response = response;
  }

  /** A GET with {@code watch=true} that does not ask for a WebSocket upgrade. */
  static boolean isHttpWatch(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && request.getHeader(HttpHeaders.UPGRADE) == null
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
  }

  /** Streams the watch the dispatcher answered with. */
  static void serve(HttpServerRequest httpRequest, RecordedRequest request, MockResponse answer) {
    HttpServerResponse response = httpRequest.response();
    WebSocketListener listener = answer.getWebSocketListener();
    HttpWatchStream stream = new HttpWatchStream(request, response);
    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    response.writeHead();
    response.closeHandler(v -> {
      stream.markClosed();
      listener.onClosed(stream, 1000, "client closed the watch");
    });
    listener.onOpen(stream, answer);
  }

  @Override
  void write(String event) {
    response.write(event + "\n", StandardCharsets.UTF_8.name());
  }

  @Override
  void end(int code, String reason) {
    response.end();
  }
}
