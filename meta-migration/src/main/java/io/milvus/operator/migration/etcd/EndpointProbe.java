package io.milvus.operator.migration.etcd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a TCP connection to each etcd endpoint before the client does, so that an address nobody answers on fails
 * in seconds with the operating system's reason, instead of after the client's whole retry budget with none.
 */
public final class EndpointProbe {
  private static final int DEFAULT_PORT = 2379;

  private EndpointProbe() {}

  /** Empty when at least one endpoint accepts connections, else why none does, per endpoint. */
  public static Optional<String> unreachable(List<URI> endpoints, Duration timeout) {
    List<String> failures = new ArrayList<>();
    for (URI endpoint : endpoints) {
      Optional<String> failure = failure(endpoint, timeout);
      if (failure.isEmpty()) {
        return Optional.empty();
      }
      failures.add(failure.get());
    }
    return Optional.of("cannot reach etcd: " + String.join("; ", failures)
        + " (check etcd.endpoints, and that etcd runs and is reachable from here)");
  }

  private static Optional<String> failure(URI endpoint, Duration timeout) {
    String host = endpoint.getHost();
    int port = endpoint.getPort() < 0 ? DEFAULT_PORT : endpoint.getPort();
    String address = (host == null ? endpoint.toString() : host) + ":" + port;
    if (host == null) {
      return Optional.of(address + ": not a host:port address");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of(address + ": unknown host (DNS cannot resolve " + host + ")");
    } catch (SocketTimeoutException e) {
      return Optional.of(address + ": no answer within " + timeout.toSeconds() + "s (a firewall, or no such machine)");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of(address + ": " + reason.toLowerCase(Locale.ROOT));
    }
  }
}
