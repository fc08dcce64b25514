package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A watch served as Kubernetes serves it over plain HTTP: a chunked response with one JSON watch event per line,
 * open until the client leaves or {@code timeoutSeconds} pass. A watch from resourceVersion R first gets the changes
 * after R that the {@link WatchHistory} kept, then the live ones; live events not newer than what was replayed
 * (the store's own replay of existing objects included) are dropped. Live events come from the CRUD store's watch
 * listener, which was written for WebSockets: this class plays the WebSocket it writes to.
 */
final class HttpWatchStream implements WebSocket {

  /** What to send before the live events: the missed ones, and the version live events must be newer than. */
  record Replay(List<String> events, long liveAfter) {
    static final Replay NONE = new Replay(List.of(), 0);
    /** The changes after the watch's version are forgotten: the client must list again. */
    static final Replay EXPIRED = new Replay(null, 0);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPIRED_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version\",\"reason\":\"Expired\","
      + "\"code\":410}}";

  private final RecordedRequest request;
  private final HttpServerResponse response;
  private final UnaryOperator<String> eventRewriter;
  private final List<String> pending = new ArrayList<>();
  private long liveAfter;
  private boolean live;
  private boolean closed;

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
   *
   * @param eventRewriter may change or drop (null) each event's JSON, e.g. into a Table row
   * @param replay what was missed, asked once the live listener is open so that nothing falls in between
   */
  static void serve(Vertx vertx, HttpServerRequest httpRequest, RecordedRequest request, MockResponse answer,
      UnaryOperator<String> eventRewriter, Supplier<Replay> replay) {
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
    stream.goLive(replay.get(), listener);
  }

  private synchronized void goLive(Replay replay, WebSocketListener listener) {
    if (replay.events() == null) {
      write(EXPIRED_EVENT);
      close(1000, "expired");
      listener.onClosed(this, 1000, "expired");
      return;
    }
    replay.events().forEach(this::sendRewritten);
    liveAfter = replay.liveAfter();
    live = true;
    pending.forEach(this::sendLive);
    pending.clear();
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

  /** A live event from the store's listener. */
  @Override
  public synchronized boolean send(String event) {
    if (closed) {
      return false;
    }
    if (!live) {
      pending.add(event);
    } else {
      sendLive(event);
    }
    return true;
  }

  @Override
  public boolean send(byte[] bytes) {
    return send(new String(bytes, StandardCharsets.UTF_8));
  }

  private void sendLive(String event) {
    if (liveAfter == 0 || resourceVersionOf(event) > liveAfter) {
      sendRewritten(event);
    }
  }

  private void sendRewritten(String event) {
    String rewritten = eventRewriter.apply(event);
    if (rewritten != null) {
      write(rewritten);
    }
  }

  private void write(String event) {
    if (!closed) {
      response.write(event + "\n", StandardCharsets.UTF_8.name());
    }
  }

  private static long resourceVersionOf(String event) {
    try {
      return Long.parseLong(JSON.readTree(event).path("object").path("metadata").path("resourceVersion").asText("0"));
    } catch (IOException | NumberFormatException e) {
      return Long.MAX_VALUE;
    }
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
