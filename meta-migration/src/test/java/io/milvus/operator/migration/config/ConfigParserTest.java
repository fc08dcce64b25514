package io.milvus.operator.migration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.migration.support.MigrationException;
import io.milvus.operator.migration.version.SemVer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  @Test
  void readsTheOperatorsMigrationYaml() {
    MigrationConfig config = ConfigParser.parse("""
        cmd:
          type: run
        config:
          sourceVersion: 2.1.4
          targetVersion: 2.2.0
          backupFilePath: /milvus/data/migration.bak
        metastore:
          type: etcd
        etcd:
          endpoints:
            - my-release-etcd.default:2379
          rootPath: my-release
          metaSubPath: meta
          kvSubPath: kv
        """);

    assertThat(config.command()).isEqualTo(Command.RUN);
    assertThat(config.runWithBackup()).isFalse();
    assertThat(config.sourceVersion()).isEqualTo(SemVer.parse("2.1.4"));
    assertThat(config.targetVersion()).isEqualTo(SemVer.parse("2.2.0"));
    assertThat(config.backupFilePath()).contains(Path.of("/milvus/data/migration.bak"));
    assertThat(config.etcd().endpoints()).containsExactly("my-release-etcd.default:2379");
    assertThat(config.etcd().metaRoot()).isEqualTo("my-release/meta");
    assertThat(config.etcd().tls()).isEmpty();
  }

  @Test
  void everyRepeatedEndpointsKeyCounts() { // the operator's template repeats the key per endpoint
    MigrationConfig config = ConfigParser.parse("""
        cmd: {type: backup}
        config: {sourceVersion: 2.1.0, targetVersion: 2.2.0}
        etcd:
          endpoints:
            - etcd-0:2379
          endpoints:
            - etcd-1:2379
          endpoints: etcd-2:2379,etcd-0:2379
        """);

    assertThat(config.etcd().endpoints()).containsExactly("etcd-0:2379", "etcd-1:2379", "etcd-2:2379");
  }

  @Test
  void appliesUpstreamsDefaults() {
    MigrationConfig config = ConfigParser.parse("""
        cmd: {type: rollback, runWithBackup: "True"}
        config: {sourceVersion: 2.1.0, targetVersion: 2.2.3}
        """);

    assertThat(config.runWithBackup()).isTrue();
    assertThat(config.etcd().endpoints()).isEqualTo(List.of("localhost:2379"));
    assertThat(config.etcd().metaRoot()).isEqualTo("by-dev/meta");
    assertThat(config.etcd().kvSubPath()).isEqualTo("kv");
    assertThat(config.backupFilePath()).isEmpty();
  }

  @Test
  void readsTlsAndAuthWithoutLeakingThePassword() {
    MigrationConfig config = ConfigParser.parse("""
        cmd: {type: backup}
        config: {sourceVersion: 2.1.0, targetVersion: 2.2.0}
        etcd:
          ssl: {enabled: true, tlsCert: /c.pem, tlsKey: /k.pem, tlsCACert: /ca.pem, tlsMinVersion: "1.3"}
          auth: {enabled: true, userName: root, password: s3cret}
        """);

    assertThat(config.etcd().tls()).hasValueSatisfying(tls -> {
      assertThat(tls.caCertFile()).contains(Path.of("/ca.pem"));
      assertThat(tls.minVersion()).contains("1.3");
    });
    assertThat(config.etcd().auth()).hasValueSatisfying(auth -> assertThat(auth.toString()).doesNotContain("s3cret"));
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void rejectsWhatUpstreamRejects() {
    String versions = "config: {sourceVersion: 2.1.0, targetVersion: 2.2.0}\n";
    assertThatThrownBy(() -> ConfigParser.parse(versions)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("cmd not set or not supported");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: migrate}\n" + versions))
        .hasMessageContaining("cmd not set or not supported");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: run}\nmetastore: {type: tikv}\n" + versions))
        .hasMessageContaining("tikv is not supported now");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: run}\nconfig: {sourceVersion: v2.1.0, targetVersion: 2.2.0}"))
        .hasMessageContaining("config.sourceVersion");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: run}\nconfig: {sourceVersion: 2.1.0}"))
        .hasMessageContaining("config.targetVersion is not set");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: run, runWithBackup: maybe}\n" + versions))
        .hasMessageContaining("cmd.runWithBackup must be true or false");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: {type: run}\netcd: {use: {embed: true}}\n" + versions))
        .hasMessageContaining("embedded etcd");
    assertThatThrownBy(() -> ConfigParser.parse("cmd: [unclosed\n")).hasMessageContaining("not valid YAML");
  }

  @Test
  void joinsPathsLikeMilvus() {
    assertThat(MetaPaths.join("by-dev", "meta")).isEqualTo("by-dev/meta");
    assertThat(MetaPaths.join("/by-dev/", "/meta/")).isEqualTo("/by-dev/meta");
    assertThat(MetaPaths.join("", "meta")).isEqualTo("meta");
    assertThat(MetaPaths.join("a//b", "./c")).isEqualTo("a/b/c");
  }
}
