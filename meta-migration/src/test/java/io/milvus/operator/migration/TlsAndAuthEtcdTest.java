package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd.ssl.* and etcd.auth.* settings reach a private etcd that requires client certificates and a password. */
class TlsAndAuthEtcdTest {
  @TempDir
  Path dir;

  @Test
  void backupAndRunOverMutualTlsWithAuthentication() throws Exception {
    assumeTrue(EtcdProcess.installed(), "the etcd binary is not on PATH: skipping the TLS test");
    Path tls = copyCertificates();
    try (EtcdProcess server = EtcdProcess.start(dir, "https", List.of(
        "--cert-file", tls.resolve("server.pem").toString(), "--key-file", tls.resolve("server.key").toString(),
        "--trusted-ca-file", tls.resolve("ca.pem").toString(), "--client-cert-auth"))) {
      try (Client admin = Client.builder().endpoints(URI.create(server.endpoint()))
          .sslContext(ssl -> ssl.trustManager(tls.resolve("ca.pem").toFile())
              .keyManager(tls.resolve("client.pem").toFile(), tls.resolve("client.key").toFile()))
          .build()) {
        TestEtcd.await(admin.getAuthClient().userAdd(bytes("root"), bytes("s3cret")));
        TestEtcd.await(admin.getAuthClient().roleAdd(bytes("root")));
        TestEtcd.await(admin.getAuthClient().userGrantRole(bytes("root"), bytes("root")));
        Meta21Fixture.keyspace21().forEach((key, value) -> TestEtcd.await(admin.getKVClient().put(
            bytes("tls/meta/" + key), ByteSequence.from(value.toByteArray()))));
        TestEtcd.await(admin.getAuthClient().authEnable());
      }
      Path config = dir.resolve("migration.yaml");
      String yaml = """
          cmd: {type: %s}
          config: {sourceVersion: 2.1.4, targetVersion: 2.2.0, backupFilePath: %s}
          etcd:
            endpoints: [%s]
            rootPath: tls
            ssl: {enabled: true, tlsCert: %s, tlsKey: %s, tlsCACert: %s, tlsMinVersion: "1.2"}
            auth: {enabled: true, userName: root, password: %s}
          """;
      String endpoint = server.endpoint().replace("https://", "");
      for (String command : List.of("backup", "run")) {
        Files.writeString(config, yaml.formatted(command, dir.resolve("b.bak"), endpoint, tls.resolve("client.pem"),
            tls.resolve("client.key"), tls.resolve("ca.pem"), "s3cret"));
        assertThat(MetaMigration.execute(config)).as(command).isZero();
      }
      Files.writeString(config, yaml.formatted("backup", dir.resolve("c.bak"), endpoint, tls.resolve("client.pem"),
          tls.resolve("client.key"), tls.resolve("ca.pem"), "wrong"));
      assertThat(MetaMigration.execute(config)).as("wrong password").isEqualTo(1);
    }
  }

  private Path copyCertificates() throws IOException {
    Path tls = Files.createDirectories(dir.resolve("tls"));
    for (String name : List.of("ca.pem", "server.pem", "server.key", "client.pem", "client.key")) {
      try (InputStream in = getClass().getResourceAsStream("/tls/" + name)) {
        Files.copy(in, tls.resolve(name));
      }
    }
    return tls;
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
