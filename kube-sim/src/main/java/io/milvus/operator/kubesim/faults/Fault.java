package io.milvus.operator.kubesim.faults;

import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import java.time.Duration;
import java.util.Objects;

/**
 * One way the API server misbehaves for a request, as a real one does under load, during an upgrade of the control
 * plane or when a load balancer in front of it cuts connections. Error answers are given before the request reaches
 * the store: nothing is written, as when a real API server rejects a request.
 */
public sealed interface Fault {

  /** A short name for logs and test reports, e.g. {@code 503} or {@code dropped-watch}. */
  String kind();

  /** Whether this fault can happen to such a request (a watch cannot be slow, only a write can conflict). */
  boolean canHit(ApiCall call);

  /** An error Status instead of the answer: 500, 503, 429 (with Retry-After) or 409. */
  record ErrorStatus(int code, String reason, String message, Duration retryAfter) implements Fault {
    public ErrorStatus {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String kind() {
      return String.valueOf(code);
    }

    @Override
    public boolean canHit(ApiCall call) {
      // a conflict answers a write on an object someone else changed meanwhile: an update or a patch
      return code != 409 || "update".equals(call.verb()) || "patch".equals(call.verb());
    }
  }

  /**
   * The request is served (a write is stored) but its answer comes {@code delay} later. With a delay longer than the
   * client waits, the client times out on a write that did happen: it must find out rather than do it again.
   */
  record SlowAnswer(Duration delay) implements Fault {
    public SlowAnswer {
      Objects.requireNonNull(delay, "delay");
    }

    @Override
    public String kind() {
      return "slow-answer";
    }

    @Override
    public boolean canHit(ApiCall call) {
      return !"watch".equals(call.verb());
    }
  }

  /**
   * The request is not served and nothing answers for {@code delay}; then comes the 504 a real API server sends when
   * its own request timeout passes. A client that waits less gives up first, as it would on a dead connection.
   */
  record NoAnswer(Duration delay) implements Fault {
    public NoAnswer {
      Objects.requireNonNull(delay, "delay");
    }

    @Override
    public String kind() {
      return "no-answer";
    }

    @Override
    public boolean canHit(ApiCall call) {
      return !"watch".equals(call.verb());
    }
  }

  /** A watch is opened normally, then its connection is cut {@code after} it opened. */
  record DroppedWatch(Duration after) implements Fault {
    public DroppedWatch {
      Objects.requireNonNull(after, "after");
    }

    @Override
    public String kind() {
      return "dropped-watch";
    }

    @Override
    public boolean canHit(ApiCall call) {
      return "watch".equals(call.verb());
    }
  }

  /** 500 InternalError, as an API server answers when etcd fails a request. */
  static Fault internalError() {
    return new ErrorStatus(500, "InternalError", "Internal error occurred: injected by kube-sim", null);
  }

  /** 503 ServiceUnavailable, as during a control-plane upgrade. */
  static Fault unavailable() {
    return new ErrorStatus(503, "ServiceUnavailable", "the server is currently unable to handle the request", null);
  }

  /** 429 TooManyRequests with Retry-After, as API Priority and Fairness answers a client over its share. */
  static Fault tooManyRequests(Duration retryAfter) {
    return new ErrorStatus(429, "TooManyRequests", "the server has received too many requests and has asked us to "
        + "try again later", Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** 409 Conflict on an update or patch, as when another writer changed the object first. */
  static Fault conflict() {
    return new ErrorStatus(409, "Conflict", "the object has been modified; please apply your changes to the latest "
        + "version and try again", null);
  }

  static Fault slowAnswer(Duration delay) {
    return new SlowAnswer(delay);
  }

  static Fault noAnswer(Duration delay) {
    return new NoAnswer(delay);
  }

  static Fault droppedWatch(Duration after) {
    return new DroppedWatch(after);
  }
}
