package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import java.nio.charset.StandardCharsets;

/**
 * A watch's connection to its client, as the {@link ObjectWatches} see it: one event at a time until either side
 * closes it. Writes never block (the transport queues them), so the store may send while it holds its write lock.
 */
abstract class WatchStream implements WebSocket {

  private final RecordedRequest request;
  private boolean closed;

  WatchStream(RecordedRequest request) {
    this.request = request;
  }

  /** Queues one event for the client. */
  abstract void write(String event);

  /** Ends the transport. */
  abstract void end(int code, String reason);

  /** The client left: nothing more is written. */
  final synchronized void markClosed() {
    closed = true;
  }

  @Override
  public final RecordedRequest request() {
    return request;
  }

  @Override
  public final synchronized boolean send(String event) {
    if (closed) {
      return false;
    }
    write(event);
    return true;
  }

  @Override
  public final boolean send(byte[] bytes) {
    return send(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public final synchronized boolean close(int code, String reason) {
    if (closed) {
      return false;
    }
    closed = true;
    end(code, reason);
    return true;
  }
}
