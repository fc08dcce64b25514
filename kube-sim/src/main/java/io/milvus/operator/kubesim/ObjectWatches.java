package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches of the store, for both transports: fabric8's clients watch over a WebSocket, kubectl over a streamed HTTP
 * response (which {@link HttpWatchStream} presents as a WebSocket). A watch from resourceVersion R gets the changes
 * after R first (410 Expired when they are forgotten), one without gets every selected object as ADDED; then every
 * change, until the client leaves or {@code timeoutSeconds} pass (with a final BOOKMARK when the client allows them,
 * so that it resumes from there). Clients that ask for Tables ({@code kubectl get -w}) get one-row Tables.
 */
final class ObjectWatches implements AutoCloseable {

  private static final String EXPIRED_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version\",\"reason\":\"Expired\","
      + "\"code\":410}}";

  private final ObjectStore store;
  private final ObjectReads reads;
  private final ObjectMapper json;
  private final Clock clock;
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kube-sim-watch-timeouts");
    t.setDaemon(true);
    return t;
  });

  ObjectWatches(ObjectStore store, ObjectReads reads, ObjectMapper json, Clock clock) {
    this.store = store;
    this.reads = reads;
    this.json = json;
    this.clock = clock;
  }

  /** The answer to a watch request: an upgrade to a watch stream, or an error. */
  MockResponse watch(RecordedRequest request, ApiCallLog.ApiCall call) {
    ObjectStore.Query query;
    long from;
    try {
      query = ObjectReads.query(call, request.getPath());
      String version = Paths.queryParam(request.getPath(), "resourceVersion");
      from = version == null || version.isEmpty() ? 0 : Long.parseLong(version);
    } catch (IllegalArgumentException e) {
      return Statuses.of(400, "BadRequest", e.getMessage());
    }
    TablePrinter printer = ObjectReads.wantsTable(request) ? reads.printer(call) : null;
    return new MockResponse().setResponseCode(200).withWebSocketUpgrade(
        new Listener(call, query, from, printer, request));
  }

  private final class Listener extends WebSocketListener {
    private final ApiCallLog.ApiCall call;
    private final ObjectStore.Query query;
    private final long from;
    private final TablePrinter printer;
    private final RecordedRequest request;
    private volatile ObjectStore.Watch watch;

    Listener(ApiCallLog.ApiCall call, ObjectStore.Query query, long from, TablePrinter printer,
        RecordedRequest request) {
      this.call = call;
      this.query = query;
      this.from = from;
      this.printer = printer;
      this.request = request;
    }

    @Override
    public void onOpen(WebSocket socket, Response response) {
      Optional<ObjectStore.Watch> opened = store.watch(query, from, (type, object) -> socket.send(event(type, object)));
      if (opened.isEmpty()) {
        socket.send(EXPIRED_EVENT);
        socket.close(1000, "expired");
        return;
      }
      watch = opened.get();
      long timeoutSeconds = timeoutSeconds();
      if (timeoutSeconds > 0) {
        timeouts.schedule(() -> store.write(() -> {
          // no change comes between the last event and the bookmark, so resuming from it misses nothing
          stop();
          if ("true".equals(Paths.queryParam(request.getPath(), "allowWatchBookmarks"))) {
            socket.send("{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\""
                + store.resourceVersion() + "\"}}}");
          }
          return socket.close(1000, "timeout");
        }), timeoutSeconds, TimeUnit.SECONDS);
      }
    }

    private String event(String type, StoredObject stored) {
      StoredObject object = reads.served(call, stored);
      String body = printer == null ? object.json() : table(object);
      return "{\"type\":\"" + type + "\",\"object\":" + body + "}";
    }

    private String table(StoredObject object) {
      ObjectNode table = ServerSideTable.of(object.object(), printer, Paths.queryParam(request.getPath(),
          "includeObject"), clock.instant());
      try {
        return json.writeValueAsString(table);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void stop() {
      ObjectStore.Watch open = watch;
      if (open != null) {
        open.cancel();
      }
    }

    private long timeoutSeconds() {
      try {
        String value = Paths.queryParam(request.getPath(), "timeoutSeconds");
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    @Override
    public void onClosing(WebSocket socket, int code, String reason) {
      stop();
      socket.close(code, reason);
    }

    @Override
    public void onClosed(WebSocket socket, int code, String reason) {
      stop();
    }

    @Override
    public void onFailure(WebSocket socket, Throwable t, Response response) {
      stop();
    }
  }

  @Override
  public void close() {
    timeouts.shutdownNow();
  }
}
