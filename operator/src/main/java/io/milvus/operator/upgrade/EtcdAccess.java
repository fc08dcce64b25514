package io.milvus.operator.upgrade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the tool reaches the Milvus's metadata: the {@code etcd} section of the config Milvus itself runs with
 * (endpoints, root path, TLS and auth), so the tool and Milvus can never disagree about where the metadata is.
 *
 * @param ssl the {@code etcd.ssl} settings when TLS is enabled (file paths inside the pod), else empty
 * @param auth user name and password when etcd auth is enabled
 */
public record EtcdAccess(List<String> endpoints, String rootPath, String metaSubPath, String kvSubPath,
    Map<String, Object> ssl, Optional<Credentials> auth) {

  /** etcd user and password. The password never appears in toString (logs). */
  public record Credentials(String userName, String password) {
    @Override
    public String toString() {
      return "Credentials[userName=" + userName + ", password=***]";
    }
  }

  /**
   * @param milvusConfig the Milvus's rendered user.yaml, as a map (it always names the endpoints and the root path)
   */
  public static EtcdAccess from(Map<String, Object> milvusConfig) {
    Map<String, Object> etcd = section(milvusConfig, "etcd");
    Object endpoints = etcd.get("endpoints");
    List<String> list = endpoints instanceof List<?> l ? l.stream().map(String::valueOf).toList()
        : endpoints == null ? List.of() : List.of(String.valueOf(endpoints).split(","));
    Map<String, Object> ssl = section(etcd, "ssl");
    Map<String, Object> auth = section(etcd, "auth");
    return new EtcdAccess(
        list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
        text(etcd, "rootPath", "by-dev"),
        text(etcd, "metaSubPath", "meta"),
        text(etcd, "kvSubPath", "kv"),
        enabled(ssl) ? ssl : Map.of(),
        enabled(auth) ? Optional.of(new Credentials(text(auth, "userName", ""), text(auth, "password", "")))
            : Optional.empty());
  }

  public boolean tls() {
    return !ssl.isEmpty();
  }

  private static boolean enabled(Map<String, Object> section) {
    return "true".equalsIgnoreCase(String.valueOf(section.get("enabled")));
  }

  private static String text(Map<String, Object> section, String key, String fallback) {
    Object value = section.get(key);
    return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String key) {
    Object value = parent == null ? null : parent.get(key);
    return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : Map.of();
  }
}
