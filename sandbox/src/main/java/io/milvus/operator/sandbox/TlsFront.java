package io.milvus.operator.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTPS in front of kube-sim's plain HTTP port, as a cluster's API server serves it: TLS ends here with a certificate
 * of the sandbox's own CA, and each connection's bytes go on unchanged to kube-sim on the loopback interface (requests,
 * responses and watch streams alike).
 */
final class TlsFront implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final Vertx vertx;
  private final int port;

  private TlsFront(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** Listens on 127.0.0.1:{@code port} (0 for a free one) and relays to 127.0.0.1:{@code backendPort}. */
  static TlsFront start(SandboxCa ca, int port, int backendPort) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    NetClient backend = vertx.createNetClient();
    NetServerOptions options = new NetServerOptions().setHost(LOOPBACK).setPort(port).setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(ca.serverCertificatePem()))
            .setKeyValue(Buffer.buffer(ca.serverKeyPem())));
    NetServer server = vertx.createNetServer(options).connectHandler(client -> relay(client, backend, backendPort));
    try {
      return new TlsFront(vertx, await(server.listen()).actualPort());
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
  }

  private static void relay(NetSocket client, NetClient backend, int backendPort) {
    client.pause();
    backend.connect(backendPort, LOOPBACK).onComplete(connected -> {
      if (connected.failed()) {
        client.close();
        return;
      }
      NetSocket server = connected.result();
      // pipeTo resumes its source and closes the other side when one side ends
      client.pipeTo(server);
      server.pipeTo(client);
    });
  }

  /** The URL clients use: https on the loopback address the certificate names. */
  String url() {
    return "https://" + LOOPBACK + ":" + port;
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the HTTPS front did not answer within 30 s", e);
    }
  }
}
