package io.milvus.operator.migration.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.migration.config.EtcdConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointProbeTest {

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort(); // free again once closed: nobody listens there
    }
  }

  @Test
  void aClosedPortFailsAtOnceNamingTheAddressAndTheReason() throws IOException {
    int port = closedPort();
    long started = System.nanoTime();

    assertThatThrownBy(() -> EtcdClients.connect(EtcdConfig.of(List.of("127.0.0.1:" + port), "by-dev", "meta")))
        .hasMessageContaining("cannot reach etcd: 127.0.0.1:" + port + ": connection refused")
        .hasMessageContaining("check etcd.endpoints");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anUnknownHostIsNamed() {
    assertThat(EndpointProbe.unreachable(List.of(URI.create("http://no-such-host.invalid:2379")), Duration.ofSeconds(2)))
        .hasValueSatisfying(why -> assertThat(why).contains("no-such-host.invalid:2379: unknown host"));
  }

  @Test
  void oneListeningEndpointIsEnough() throws IOException {
    try (ServerSocket listening = new ServerSocket(0)) {
      List<URI> endpoints = List.of(URI.create("http://127.0.0.1:" + closedPort()),
          URI.create("http://127.0.0.1:" + listening.getLocalPort()));

      assertThat(EndpointProbe.unreachable(endpoints, Duration.ofSeconds(2))).isEmpty();
    }
  }
}
