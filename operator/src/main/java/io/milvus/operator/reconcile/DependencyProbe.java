package io.milvus.operator.reconcile;

import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks an external dependency the operator cannot watch (etcd, S3, Pulsar, Kafka outside the cluster). */
@FunctionalInterface
public interface DependencyProbe {

  /**
   * @param what a name for messages, e.g. "etcd"
   * @param endpoints host:port addresses; ready when any answers
   */
  DependencyHealth check(String what, List<String> endpoints);

  /** Ready when a TCP connection to any endpoint opens within the timeout. */
  static DependencyProbe tcp(Duration timeout) {
    return (what, endpoints) -> {
      List<String> failures = new ArrayList<>();
      for (String endpoint : endpoints) {
        String hostPort = endpoint.replaceFirst("^[a-zA-Z]+://", "");
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
          failures.add(endpoint + ": no port");
          continue;
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
              Integer.parseInt(hostPort.substring(colon + 1))), (int) timeout.toMillis());
          return new DependencyHealth(true, "External " + what + " at " + endpoint + " accepts connections");
        } catch (IOException | RuntimeException e) {
          failures.add(endpoint + ": " + e.getMessage());
        }
      }
      return new DependencyHealth(false, "External " + what + " unreachable: " + String.join("; ", failures));
    };
  }
}
