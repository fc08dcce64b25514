package io.milvus.operator.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small pure helpers on the nested maps of milvus.yaml. */
final class ConfigMaps {

  private ConfigMaps() {}

  /** {@code override} merged into a copy of {@code base}: nested maps merge, anything else is replaced. */
  static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = deepCopy(base);
    if (override == null) {
      return merged;
    }
    override.forEach((key, value) -> {
      Object existing = merged.get(key);
      if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
        merged.put(key, deepMerge(asStringMap(existingMap), asStringMap(valueMap)));
      } else {
        merged.put(key, deepCopyValue(value));
      }
    });
    return merged;
  }

  /** Sets {@code path} (dot separated) to {@code value}, creating the maps on the way. */
  static void put(Map<String, Object> config, String path, Object value) {
    String[] keys = path.split("\\.");
    Map<String, Object> current = config;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = current.get(keys[i]);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        current.put(keys[i], next);
      }
      current = asStringMap((Map<?, ?>) next);
    }
    current.put(keys[keys.length - 1], value);
  }

  static Object get(Map<String, Object> config, String path) {
    Object current = config;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** A copy with keys sorted at every depth, so that the rendered YAML (and its hash) is stable. */
  static Map<String, Object> sorted(Map<String, Object> config) {
    Map<String, Object> out = new TreeMap<>();
    config.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? sorted(asStringMap(m)) : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asStringMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
    }
    return copy;
  }

  private static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return deepCopy(asStringMap(m));
    }
    if (value instanceof List<?> l) {
      return l.stream().map(ConfigMaps::deepCopyValue).toList();
    }
    return value;
  }
}
