package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.http.ServerWebSocket;

/**
 * A watch over a WebSocket (fabric8's way): one text message per watch event. Unlike the mock server's WebSocket,
 * whose sends wait for the bytes to leave when called off the event loop, sends here never block.
 */
final class WebSocketWatchStream extends WatchStream {

  private final ServerWebSocket socket;

  private WebSocketWatchStream(RecordedRequest request, ServerWebSocket socket) {
    super(request);
    this.socket = socket;
  }

  /** Hands the upgraded socket to the watch the dispatcher answered with. */
  static void serve(ServerWebSocket socket, RecordedRequest request, MockResponse answer) {
    WebSocketListener listener = answer.getWebSocketListener();
    WebSocketWatchStream stream = new WebSocketWatchStream(request, socket);
    socket.closeHandler(v -> {
      stream.markClosed();
      listener.onClosed(stream, 1000, "client closed the watch");
    });
    socket.exceptionHandler(e -> {
      stream.close(1011, e.getMessage());
      listener.onFailure(stream, e, answer);
    });
    socket.textMessageHandler(ignored -> { });
    listener.onOpen(stream, answer);
  }

  @Override
  void write(String event) {
    socket.writeTextMessage(event);
  }

  @Override
  void end(int code, String reason) {
    socket.close((short) code, reason);
  }
}
