package io.milvus.operator.kubesim.faults;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves a watch as the store does, then cuts it: the store forgets the watcher and the client sees its connection
 * end, as when a load balancer or an API server restart drops it. Works for WebSocket and plain HTTP watches alike,
 * both of which play the store's listener.
 */
final class DroppingWatchListener extends WebSocketListener {

  /** "Internal error": the server ends the watch without the client asking. */
  private static final int DROPPED = 1011;

  private final WebSocketListener store;
  private final Duration after;
  private final ScheduledExecutorService timer;

  DroppingWatchListener(WebSocketListener store, Duration after, ScheduledExecutorService timer) {
    this.store = store;
    this.after = after;
    this.timer = timer;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    store.onBeforeAccept(webSocket, response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    store.onOpen(webSocket, response);
    timer.schedule(() -> {
      webSocket.close(DROPPED, "connection dropped by kube-sim fault injection");
      store.onClosed(webSocket, DROPPED, "dropped");
    }, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    store.onMessage(webSocket, text);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    store.onMessage(webSocket, bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    store.onClosing(webSocket, code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    store.onClosed(webSocket, code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable error, Response response) {
    store.onFailure(webSocket, error, response);
  }
}
