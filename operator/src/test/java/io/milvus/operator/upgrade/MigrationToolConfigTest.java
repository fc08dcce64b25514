package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The migration.yaml the tool reads, rendered from the Milvus's own etcd settings. */
class MigrationToolConfigTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @ParameterizedTest(name = "target {0} runs the tool with {1}")
  @CsvSource({"v2.2.0, 2.2.0", "v2.2.14, 2.2.14", "v2.4.23, 2.2.0", "2.3, 2.2.0", "v2.6.11, 2.2.0"})
  void theToolMigratesTo22ForAnyLaterTarget(String target, String tool) {
    assertThat(MigrationToolConfig.toolTargetVersion(target)).isEqualTo(tool);
  }

  @Test
  void versionsLoseTheirVAndGainTheirPatch() {
    assertThat(MigrationToolConfig.toolSourceVersion("v2.1.4")).isEqualTo("2.1.4");
    assertThat(MigrationToolConfig.toolSourceVersion("2.1")).isEqualTo("2.1.0");
  }

  @Test
  void severalEndpointsAreOneValidYamlList() {
    EtcdAccess etcd = EtcdAccess.from(Map.of("etcd", Map.of(
        "endpoints", List.of("etcd-0:2379", "etcd-1:2379", "etcd-2:2379"), "rootPath", "by-dev")));

    Map<String, Object> doc = parse(MigrationToolConfig.render(TaskKind.BACKUP, "v2.1.4", "v2.4.23", etcd));

    assertThat(doc).containsEntry("cmd", Map.of("type", "backup"));
    assertThat(doc.get("config")).isEqualTo(Map.of("sourceVersion", "2.1.4", "targetVersion", "2.2.0",
        "backupFilePath", "/milvus/data/migration.bak"));
    assertThat(doc).containsEntry("metastore", Map.of("type", "etcd"));
    assertThat(section(doc, "etcd")).containsEntry("endpoints", List.of("etcd-0:2379", "etcd-1:2379", "etcd-2:2379"))
        .containsEntry("rootPath", "by-dev").containsEntry("metaSubPath", "meta").containsEntry("kvSubPath", "kv")
        .doesNotContainKeys("ssl", "auth");
  }

  @Test
  void eachTaskHasItsCommand() {
    EtcdAccess etcd = EtcdAccess.from(Map.of("etcd", Map.of("endpoints", List.of("e:2379"))));

    assertThat(parse(MigrationToolConfig.render(TaskKind.MIGRATE, "v2.1.4", "v2.2.0", etcd)).get("cmd"))
        .isEqualTo(Map.of("type", "run"));
    assertThat(parse(MigrationToolConfig.render(TaskKind.RESTORE, "v2.1.4", "v2.2.0", etcd)).get("cmd"))
        .isEqualTo(Map.of("type", "rollback"));
  }

  @Test
  void etcdAuthAndTlsOfTheMilvusArePassedOn() {
    EtcdAccess etcd = EtcdAccess.from(Map.of("etcd", Map.of(
        "endpoints", List.of("etcd:2379"),
        "rootPath", "prod", "metaSubPath", "m",
        "ssl", Map.of("enabled", true, "tlsCert", "/certs/client.pem", "tlsKey", "/certs/client.key",
            "tlsCACert", "/certs/ca.pem", "tlsMinVersion", "1.3"),
        "auth", Map.of("enabled", "true", "userName", "root", "password", "s3cret"))));

    Map<String, Object> section = section(parse(MigrationToolConfig.render(TaskKind.BACKUP, "v2.1.4", "v2.2.0", etcd)),
        "etcd");

    assertThat(section).containsEntry("rootPath", "prod").containsEntry("metaSubPath", "m");
    assertThat(section(section, "ssl")).containsEntry("tlsCert", "/certs/client.pem")
        .containsEntry("tlsCACert", "/certs/ca.pem").containsEntry("tlsMinVersion", "1.3");
    assertThat(section(section, "auth")).containsEntry("enabled", true).containsEntry("userName", "root")
        .containsEntry("password", "s3cret");
    assertThat(etcd.auth()).isPresent();
    assertThat(etcd.auth().orElseThrow().toString()).doesNotContain("s3cret");
  }

  @Test
  void disabledTlsAndAuthAreLeftOut() {
    EtcdAccess etcd = EtcdAccess.from(Map.of("etcd", Map.of("endpoints", "a:2379,b:2379",
        "ssl", Map.of("enabled", false), "auth", Map.of("enabled", false))));

    assertThat(etcd.endpoints()).containsExactly("a:2379", "b:2379");
    assertThat(etcd.tls()).isFalse();
    assertThat(etcd.auth()).isEqualTo(Optional.empty());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yaml) {
    return JSON.unmarshal(yaml, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> doc, String key) {
    return (Map<String, Object>) doc.get(key);
  }
}
