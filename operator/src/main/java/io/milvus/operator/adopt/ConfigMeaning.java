package io.milvus.operator.adopt;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure: the ConfigMap {@code <cr>} is rewritten only when the rendered configuration means something else than the live
 * one: each key's YAML is compared parsed (keys and values), not as text, so another operator's formatting, key order
 * or quoting (the Go operator's, or an earlier release's) costs no write and no config reload in Milvus.
 */
public final class ConfigMeaning {

  private static final KubernetesSerialization YAML = Serialization.KUBERNETES;

  private ConfigMeaning() {}

  /** The rendered ConfigMap, carrying the live data where that means the same. */
  public static ConfigMap desired(ConfigMap rendered, Optional<ConfigMap> live) {
    if (live.isEmpty() || !sameMeaning(rendered.getData(), live.get().getData())) {
      return rendered;
    }
    ConfigMap kept = YAML.clone(rendered);
    kept.setData(live.get().getData());
    return kept;
  }

  static boolean sameMeaning(Map<String, String> rendered, Map<String, String> live) {
    if (rendered == null || live == null || !rendered.keySet().equals(live.keySet())) {
      return Objects.equals(rendered, live);
    }
    // the same text means the same without parsing it (the common case: the live data is what this operator wrote)
    return rendered.keySet().stream().allMatch(key -> Objects.equals(rendered.get(key), live.get(key))
        || parsed(rendered.get(key)).equals(parsed(live.get(key))));
  }

  private static Optional<Object> parsed(String yaml) {
    try {
      return Optional.ofNullable(YAML.unmarshal(yaml, Object.class));
    } catch (RuntimeException notYaml) {
      return Optional.of(yaml); // not YAML: compared as text
    }
  }
}
