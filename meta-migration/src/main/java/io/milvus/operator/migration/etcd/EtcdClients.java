package io.milvus.operator.migration.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.milvus.operator.migration.config.EtcdConfig;
import io.milvus.operator.migration.config.EtcdTls;
import io.milvus.operator.migration.support.MigrationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds a jetcd client from the config (endpoints may be given without a scheme, as Milvus allows). */
public final class EtcdClients {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private EtcdClients() {}

  public static Client connect(EtcdConfig config) {
    boolean tls = config.tls().isPresent();
    List<URI> endpoints = config.endpoints().stream().map(endpoint -> toUri(endpoint, tls)).toList();
    EndpointProbe.unreachable(endpoints, PROBE_TIMEOUT).ifPresent(why -> {
      throw new MigrationException(why);
    });
    ClientBuilder builder = Client.builder()
        .endpoints(endpoints.toArray(URI[]::new))
        .connectTimeout(config.tuning().requestTimeout())
        .retryMaxDuration(config.tuning().requestTimeout());
    config.auth().ifPresent(auth -> builder
        .user(ByteSequence.from(auth.userName(), StandardCharsets.UTF_8))
        .password(ByteSequence.from(auth.password(), StandardCharsets.UTF_8)));
    if (tls) {
      configureTls(builder, config.tls().orElseThrow());
    }
    return builder.build();
  }

  static URI toUri(String endpoint, boolean tls) {
    String withScheme = endpoint.contains("://") ? endpoint : (tls ? "https://" : "http://") + endpoint;
    try {
      return URI.create(withScheme);
    } catch (IllegalArgumentException e) {
      throw new MigrationException("etcd endpoint '" + endpoint + "' is not a valid address", e);
    }
  }

  private static void configureTls(ClientBuilder builder, EtcdTls tls) {
    try {
      builder.sslContext(ssl -> {
        tls.caCertFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
        if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
          ssl.keyManager(tls.certFile().get().toFile(), tls.keyFile().get().toFile());
        }
        tls.minVersion().ifPresent(min -> ssl.protocols(protocolsFrom(min)));
      });
    } catch (SSLException | RuntimeException e) {
      throw new MigrationException("cannot set up TLS for etcd: " + e.getMessage(), e);
    }
  }

  /** "1.2" (Milvus' spelling) or "TLSv1.2" -> that version and every newer one. */
  static String[] protocolsFrom(String minVersion) {
    List<String> all = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    String wanted = minVersion.startsWith("TLS") ? minVersion : "TLSv" + minVersion;
    if (wanted.equals("TLSv1.0")) {
      wanted = "TLSv1";
    }
    int from = all.indexOf(wanted);
    if (from < 0) {
      throw new MigrationException("etcd.ssl.tlsMinVersion '" + minVersion + "' is not one of 1.0, 1.1, 1.2, 1.3");
    }
    return all.subList(from, all.size()).toArray(String[]::new);
  }
}
