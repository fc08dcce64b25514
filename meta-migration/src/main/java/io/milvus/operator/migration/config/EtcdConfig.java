package io.milvus.operator.migration.config;

import java.util.List;
import java.util.Optional;

/** Where the Milvus metadata lives. {@code kvSubPath} is read for parity but never used, as upstream. */
public record EtcdConfig(List<String> endpoints, String rootPath, String metaSubPath, String kvSubPath,
    Optional<EtcdTls> tls, Optional<EtcdAuth> auth, ClientTuning tuning) {

  public EtcdConfig {
    endpoints = List.copyOf(endpoints);
  }

  /** A plain-text, unauthenticated etcd with default tuning. */
  public static EtcdConfig of(List<String> endpoints, String rootPath, String metaSubPath) {
    return new EtcdConfig(endpoints, rootPath, metaSubPath, "kv", Optional.empty(), Optional.empty(),
        ClientTuning.defaults());
  }

  /** {@code <rootPath>/<metaSubPath>}, e.g. {@code by-dev/meta}: every key the tool touches is below it. */
  public String metaRoot() {
    return MetaPaths.join(rootPath, metaSubPath);
  }

  public EtcdConfig withTuning(ClientTuning value) {
    return new EtcdConfig(endpoints, rootPath, metaSubPath, kvSubPath, tls, auth, value);
  }
}
