package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ConfigMap is rewritten for a change of meaning, never for formatting. */
class ConfigMeaningTest {

  static ConfigMap configMap(String userYaml) {
    return new ConfigMapBuilder().withNewMetadata().withName("m").endMetadata()
        .withData(Map.of("user.yaml", userYaml)).build();
  }

  static final ConfigMap RENDERED = configMap("etcd:\n  endpoints:\n    - m-etcd.default:2379\nlog:\n  level: info\n");

  @Test
  void anotherFormattingOfTheSameConfigurationIsKept() {
    ConfigMap goStyle = configMap("log: {level: \"info\"}\netcd:\n  endpoints:\n  - m-etcd.default:2379\n");

    assertThat(ConfigMeaning.desired(RENDERED, Optional.of(goStyle)).getData()).isEqualTo(goStyle.getData());
  }

  @Test
  void anotherValueIsRewritten() {
    ConfigMap debug = configMap("etcd:\n  endpoints:\n    - m-etcd.default:2379\nlog:\n  level: debug\n");

    assertThat(ConfigMeaning.desired(RENDERED, Optional.of(debug)).getData()).isEqualTo(RENDERED.getData());
  }

  @Test
  void anExtraKeyIsRewritten() {
    ConfigMap extra = configMap("etcd:\n  endpoints:\n    - m-etcd.default:2379\n  rootPath: m\nlog:\n  level: info\n");

    assertThat(ConfigMeaning.desired(RENDERED, Optional.of(extra)).getData()).isEqualTo(RENDERED.getData());
  }

  @Test
  void aNumberWrittenAsTextIsAnotherValue() {
    ConfigMap text = configMap("port: \"9000\"\n");

    assertThat(ConfigMeaning.desired(configMap("port: 9000\n"), Optional.of(text)).getData().get("user.yaml"))
        .isEqualTo("port: 9000\n");
  }
}
