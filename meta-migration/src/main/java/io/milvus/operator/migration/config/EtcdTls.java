package io.milvus.operator.migration.config;

import java.nio.file.Path;
import java.util.Optional;

/** {@code etcd.ssl.*}: client certificate, key and CA; minVersion like "1.2" or "1.3". */
public record EtcdTls(Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> caCertFile,
    Optional<String> minVersion) {}
