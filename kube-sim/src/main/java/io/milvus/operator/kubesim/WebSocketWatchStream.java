package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A watch over a WebSocket (fabric8's way): one text message per watch event. Unlike the mock server's WebSocket,
 * whose sends wait for the bytes to leave when called off the event loop, sends here never block, so the store may
 * send while it holds its write lock.
 */
final class WebSocketWatchStream implements WebSocket {

  private final RecordedRequest request;
  private final ServerWebSocket socket;
  private boolean closed;

  private WebSocketWatchStream(RecordedRequest request, ServerWebSocket socket) {
    this.request = request;
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
    socket.writeTextMessage(event);
    return true;
  }

  @Override
  public synchronized boolean send(byte[] bytes) {
    if (closed) {
      return false;
    }
    socket.writeBinaryMessage(Buffer.buffer(bytes));
    return true;
  }

  @Override
  public synchronized boolean close(int code, String reason) {
    if (closed) {
      return false;
    }
    closed = true;
    socket.close((short) code, reason);
    return true;
  }
}
