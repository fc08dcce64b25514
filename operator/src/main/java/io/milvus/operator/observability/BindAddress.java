package io.milvus.operator.observability;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A listen address as controller-runtime's flags spell it: {@code :8080} (every interface), {@code host:8080}, or
 * {@code 0} to switch the endpoint off.
 */
public record BindAddress(String host, int port) {

  public static Optional<BindAddress> parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty() || trimmed.equals("0")) {
      return Optional.empty();
    }
    int colon = trimmed.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Expected [host]:port or 0, got '" + text + "'");
    }
    String host = trimmed.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected [host]:port or 0, got '" + text + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port out of range in '" + text + "'");
    }
    return Optional.of(new BindAddress(host, port));
  }

  InetSocketAddress socketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
