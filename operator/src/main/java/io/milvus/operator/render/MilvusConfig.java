package io.milvus.operator.render;

import io.milvus.operator.api.MessageQueue;
import io.milvus.operator.api.v1beta1.MilvusDependencies;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code user.yaml} Milvus reads on top of its built-in milvus.yaml: where etcd, object storage and the message
 * queue are, then the user's {@code spec.config}, then the addresses the operator owns (a user value there would point
 * Milvus at the wrong service). Credentials never go here: they come from a Secret through environment variables.
 */
public final class MilvusConfig {

  static final int ETCD_PORT = 2379;
  static final int MINIO_PORT = 9000;

  private MilvusConfig() {}

  /** user.yaml of a Milvus, with what the cluster tells (a private Kafka CA) wired in. */
  public static Map<String, Object> render(RenderContext ctx) {
    Map<String, Object> config = render(ctx.name(), ctx.namespace(), ctx.spec());
    KafkaClientSecret.configure(ctx, config);
    return config;
  }

  public static Map<String, Object> render(String cr, String namespace, MilvusSpec spec) {
    MilvusDependencies deps = spec.getDependencies();
    Map<String, Object> base = new LinkedHashMap<>();
    ConfigMaps.put(base, "etcd.rootPath", cr);
    ConfigMaps.put(base, "minio.bucketName", cr);
    ConfigMaps.put(base, "msgChannel.chanNamePrefix.cluster", cr);
    if (Boolean.TRUE.equals(spec.getComponents().getEnableRollingUpdate())) {
      for (String coordinator : List.of("rootCoord", "dataCoord", "indexCoord", "queryCoord")) {
        ConfigMaps.put(base, coordinator + ".enableActiveStandby", true);
      }
    }

    Map<String, Object> config = ConfigMaps.deepMerge(base, spec.getConfig());
    ConfigMaps.put(config, "etcd.endpoints", etcdEndpoints(cr, namespace, spec));
    storageAddress(cr, namespace, spec, config);
    messageQueue(cr, namespace, spec, config);
    return ConfigMaps.sorted(config);
  }

  static List<String> etcdEndpoints(String cr, String namespace, MilvusSpec spec) {
    var etcd = spec.getDependencies().getEtcd();
    if (Boolean.TRUE.equals(etcd.getExternal())) {
      return List.copyOf(etcd.getEndpoints());
    }
    return List.of(Names.etcd(cr) + "." + namespace + ":" + ETCD_PORT);
  }

  private static void storageAddress(String cr, String namespace, MilvusSpec spec, Map<String, Object> config) {
    var storage = spec.getDependencies().getStorage();
    if (!Boolean.TRUE.equals(storage.getExternal())) {
      ConfigMaps.put(config, "minio.address", Names.minio(cr) + "." + namespace);
      ConfigMaps.put(config, "minio.port", MINIO_PORT);
      return;
    }
    HostPort endpoint = HostPort.parse(storage.getEndpoint(), 80);
    ConfigMaps.put(config, "minio.address", endpoint.host());
    ConfigMaps.put(config, "minio.port", endpoint.port());
    if (endpoint.port() == 443) {
      ConfigMaps.put(config, "minio.useSSL", true);
    }
    if ("S3".equals(storage.getType()) && ConfigMaps.get(config, "minio.cloudProvider") == null) {
      ConfigMaps.put(config, "minio.cloudProvider", endpoint.host().endsWith("storage.googleapis.com") ? "gcp" : "aws");
    }
    if ("Azure".equals(storage.getType())) {
      ConfigMaps.put(config, "minio.cloudProvider", "azure");
    }
  }

  /** Points Milvus at the chosen queue and removes the sections of the others, as upstream does. */
  private static void messageQueue(String cr, String namespace, MilvusSpec spec, Map<String, Object> config) {
    MilvusDependencies deps = spec.getDependencies();
    String type = deps.getMsgStreamType();
    for (MessageQueue other : MessageQueue.values()) {
      // custom has no section of its own in milvus.yaml
      if (other != MessageQueue.CUSTOM && !other.is(type)) {
        config.remove(other.wire());
      }
    }
    switch (MessageQueue.of(type).orElse(MessageQueue.CUSTOM)) {
      case PULSAR -> {
        if (Boolean.TRUE.equals(deps.getPulsar().getExternal())) {
          HostPort endpoint = HostPort.parse(deps.getPulsar().getEndpoint(), 6650);
          ConfigMaps.put(config, "pulsar.address", endpoint.host());
          ConfigMaps.put(config, "pulsar.port", endpoint.port());
        } else {
          ConfigMaps.put(config, "pulsar.address", InClusterPulsar.proxyHost(cr, namespace));
          ConfigMaps.put(config, "pulsar.port", InClusterPulsar.BROKER_PORT);
          PulsarClientToken.configure(spec, config);
        }
      }
      case KAFKA -> {
        ConfigMaps.put(config, "kafka.brokerList", Boolean.TRUE.equals(deps.getKafka().getExternal())
            ? String.join(",", deps.getKafka().getBrokerList())
            : InClusterKafka.brokerList(cr, namespace, KafkaValues.of(spec)));
        InClusterKafkaClient.configure(spec, config);
      }
      default -> { }
    }
    if (!MessageQueue.CUSTOM.is(type)) {
      ConfigMaps.put(config, "mq.type", type);
    }
  }

  record HostPort(String host, int port) {
    static HostPort parse(String endpoint, int defaultPort) {
      String trimmed = endpoint.replaceFirst("^[a-zA-Z]+://", "");
      int colon = trimmed.lastIndexOf(':');
      if (colon < 0) {
        return new HostPort(trimmed, defaultPort);
      }
      return new HostPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
    }
  }
}
