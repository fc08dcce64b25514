package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.milvus.operator.reconcile.DependencyProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External etcd, storage and message queue that do not answer, probed for real over TCP on local ports: each is a
 * False condition naming its address and a Warning Event; the recheck turns it True once it answers.
 */
class UnreachableDependencyTest {

  static OperatorHarness cluster;
  private final List<ServerSocket> listening = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = OperatorHarness.start(crd -> { }, settings -> settings
        .withProbe(DependencyProbe.tcp(Duration.ofMillis(500)))
        .withExternalRecheck(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void closePorts() throws IOException {
    for (ServerSocket socket : listening) {
      socket.close();
    }
  }

  @Test
  void eachUnreachableDependencyIsToldWithItsAddressAndRecheckedUntilItAnswers() throws IOException {
    int etcd = freePort();
    int storage = freePort();
    int pulsar = freePort();
    // the external store's keys exist, as on a cluster: a pod naming a missing Secret would never start
    cluster.ns().secrets().resource(new SecretBuilder().withNewMetadata().withName("s3-keys").endMetadata()
        .addToStringData("accesskey", "test-access").addToStringData("secretkey", "test-secret").build()).create();
    cluster.user.resource(TestMilvus.withSpec("outside", """
        dependencies:
          etcd: {external: true, endpoints: ['127.0.0.1:%d']}
          storage: {external: true, type: S3, endpoint: '127.0.0.1:%d', secretRef: s3-keys}
          msgStreamType: pulsar
          pulsar: {external: true, endpoint: 'pulsar://127.0.0.1:%d'}
        """.formatted(etcd, storage, pulsar))).create();
    String[][] dependencies = {
        {"EtcdReady", "EtcdNotReady", "127.0.0.1:" + etcd},
        {"StorageReady", "StorageNotReady", "127.0.0.1:" + storage},
        {"MsgStreamReady", "MsgStreamNotReady", "127.0.0.1:" + pulsar}};
    for (String[] dependency : dependencies) {
      MilvusCondition down = cluster.awaitCondition("outside", dependency[0], "False");
      assertThat(down.getMessage()).as(dependency[0]).contains(dependency[2]);
      assertThat(cluster.eventsAbout("outside")).as(dependency[0]).anyMatch(e -> "Warning".equals(e.getType())
          && dependency[1].equals(e.getReason()) && e.getMessage().contains(dependency[2]));
    }
    assertThat(cluster.ns().apps().deployments().withName("outside-milvus-standalone").get())
        .as("Milvus waits for its dependencies").isNull();

    for (int port : new int[] {etcd, storage, pulsar}) {
      listen(port);
    }

    for (String[] dependency : dependencies) {
      MilvusCondition up = cluster.awaitCondition("outside", dependency[0], "True");
      assertThat(up.getMessage()).contains(dependency[2]);
    }
    cluster.awaitStatus("outside", "Healthy");
  }

  private int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private void listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    listening.add(socket);
  }
}
