package io.milvus.operator.migration;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** A private etcd server for a test that kills it (restarts on the same data and ports) or needs TLS. */
final class EtcdProcess implements AutoCloseable {
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final String scheme;
  private final List<String> extraArgs;
  private Process process;

  private EtcdProcess(Path dataDir, int clientPort, int peerPort, String scheme, List<String> extraArgs) {
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.scheme = scheme;
    this.extraArgs = extraArgs;
  }

  static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
        return true;
      }
    }
    return false;
  }

  static EtcdProcess start(Path dir) throws IOException, InterruptedException {
    return start(dir, "http", List.of());
  }

  /** @param scheme "https" together with the server's TLS flags in {@code extraArgs} */
  static EtcdProcess start(Path dir, String scheme, List<String> extraArgs) throws IOException, InterruptedException {
    EtcdProcess etcd = new EtcdProcess(dir, freePort(), freePort(), scheme, extraArgs);
    etcd.startProcess();
    return etcd;
  }

  String endpoint() {
    return scheme + "://127.0.0.1:" + clientPort;
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void restart() throws IOException, InterruptedException {
    startProcess();
  }

  private void startProcess() throws IOException, InterruptedException {
    String client = endpoint();
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command = new java.util.ArrayList<>(List.of("etcd", "--name", "private",
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "private=" + peer, "--listen-metrics-urls", ""));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
        .start();
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(this::answers);
    } catch (ConditionTimeoutException e) {
      throw new IOException("etcd did not start; see " + dataDir.resolve("etcd.log"), e);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", clientPort), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      kill();
    }
  }
}
