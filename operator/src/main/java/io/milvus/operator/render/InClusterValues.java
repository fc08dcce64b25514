package io.milvus.operator.render;

import io.milvus.operator.api.v1beta1.InClusterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Pure: what the operator makes of each in-cluster dependency's Helm-style {@code inCluster.values}. Every key is
 * either acted on (a pattern below) or reported in {@code status.ignoredFields} with its full path; values that ask
 * for something the operator cannot build are refused with the reason.
 */
public final class InClusterValues {

  /** A dependency the operator deploys, its values and the keys it acts on ({@code *} is one key, {@code **} any). */
  record Dependency(String path, Map<String, Object> values, List<String> actedOn, List<String> honouredWhenFalse) {}

  static final List<String> COMMON = List.of("image.repository", "image.tag", "persistence.size",
      "persistence.storageClass", "resources.**");
  /** MinIO's layout, as the MinIO chart means it ({@link InClusterMinio}). */
  static final List<String> MINIO = List.of("mode", "replicas", "drivesPerNode", "zones");
  /** The bitnami chart's broker keys, and those of the 15.x chart upstream installs ({@link KafkaValues}). */
  static final List<String> KAFKA = List.of("replicaCount", "persistence.enabled",
      "listeners.client.name", "listeners.client.containerPort", "listeners.client.protocol",
      "listeners.interbroker.name", "listeners.interbroker.containerPort", "listeners.interbroker.protocol",
      "listeners.controller.name", "listeners.controller.containerPort", "listeners.controller.protocol",
      "sasl.enabledMechanisms", "sasl.client.users", "sasl.client.passwords", "sasl.existingSecret",
      "auth.clientProtocol", "auth.interBrokerProtocol", "auth.sasl.mechanisms", "auth.sasl.jaas.clientUsers",
      "auth.sasl.jaas.clientPasswords", "auth.sasl.jaas.existingSecret");
  /** Keys holding a count of something, each a whole number of at least 1. */
  private static final List<String> COUNTS = List.of("replicaCount", "replicas", "drivesPerNode", "zones");
  static final List<String> PULSAR = List.of(
      "components.zookeeper", "components.bookkeeper", "components.broker", "components.proxy",
      "components.autorecovery",
      "*.replicaCount", "*.resources.**", "*.configData.**",
      "images.*.repository", "images.*.tag", "images.*.pullPolicy", "defaultPulsarImageTag",
      "persistence", "volumes.persistence", "*.volumes.persistence", "*.volumes.*.size", "*.volumes.*.storageClassName",
      "auth.authentication.enabled", "auth.authentication.provider", "auth.authentication.jwt.usingSecretKey",
      "auth.authorization.enabled", "auth.superUsers.*");
  /** Optional extras of the Pulsar chart this operator does not deploy: asking for them not to run is honoured. */
  static final List<String> PULSAR_EXTRAS_OFF = List.of("components.*", "monitoring.*", "extra.*");
  private static final List<String> PULSAR_PARTS = List.of("zookeeper", "bookkeeper", "autorecovery", "broker", "proxy");

  private InClusterValues() {}

  /** Full paths ({@code spec.dependencies.etcd.inCluster.values.auth.rbac.create}) of the values not acted on. */
  public static List<String> ignored(RenderContext ctx) {
    TreeSet<String> ignored = new TreeSet<>();
    for (Dependency dependency : dependencies(ctx)) {
      leaves(dependency.values(), "", (path, value) -> {
        boolean acted = matchesAny(dependency.actedOn(), path)
            || Boolean.FALSE.equals(value) && matchesAny(dependency.honouredWhenFalse(), path);
        if (!acted) {
          ignored.add(dependency.path() + ".inCluster.values." + path);
        }
      });
    }
    return List.copyOf(ignored);
  }

  /** Why the in-cluster dependencies cannot be built as written, each as "path: reason"; empty when they can. */
  public static List<String> refusals(RenderContext ctx) {
    List<String> refusals = new ArrayList<>();
    for (Dependency dependency : dependencies(ctx)) {
      leaves(dependency.values(), "", (path, value) -> {
        if (COUNTS.contains(path) || path.endsWith(".replicaCount")) {
          if (!(value instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.intValue() < 1) {
            refusals.add(dependency.path() + ".inCluster.values." + path + ": must be a whole number of at least 1, not "
                + value);
          }
        }
      });
    }
    if (!ctx.externalStorage()) {
      refusals.addAll(minioRefusals(ctx));
    }
    if (ctx.inClusterKafka()) {
      KafkaValues.of(ctx).refusals().forEach(r -> refusals.add("spec.dependencies.kafka.inCluster.values." + r));
    }
    if (ctx.inClusterPulsar()) {
      PulsarValues pulsar = PulsarValues.of(ctx);
      String values = "spec.dependencies.pulsar.inCluster.values.";
      for (String part : List.of("zookeeper", "bookkeeper", "broker", "proxy")) {
        if (!pulsar.enabled(part, true)) {
          refusals.add(values + "components." + part + ": an in-cluster Pulsar cannot run without its " + part
              + "; use an external Pulsar (pulsar.external: true) for another layout");
        }
      }
      Object provider = pulsar.get("auth.authentication.provider");
      if (Boolean.TRUE.equals(pulsar.get("auth.authentication.enabled")) && !"jwt".equals(String.valueOf(provider))) {
        refusals.add(values + "auth.authentication.provider: only jwt authentication can be set up, not " + provider);
      }
    }
    return refusals;
  }

  private static List<String> minioRefusals(RenderContext ctx) {
    Map<String, Object> values = values(ctx.spec().getDependencies().getStorage().getInCluster());
    String path = "spec.dependencies.storage.inCluster.values.";
    Object mode = values.get("mode");
    if (mode != null && !InClusterMinio.STANDALONE.equals(mode) && !InClusterMinio.DISTRIBUTED.equals(mode)) {
      return List.of(path + "mode: MinIO runs standalone or distributed, not " + mode);
    }
    if (InClusterMinio.layout(ctx).distributed() && InClusterMinio.layout(ctx).replicas() < 2) {
      return List.of(path + "replicas: a distributed MinIO needs at least 2 servers per pool (mode standalone runs"
          + " one)");
    }
    return List.of();
  }

  /** The keys acted on in the values of dependency {@code name} (etcd, storage, kafka, pulsar), as patterns. */
  public static List<String> patterns(String name) {
    return switch (name) {
      case "etcd" -> etcdPatterns();
      case "storage" -> storagePatterns();
      case "kafka" -> kafkaPatterns();
      case "pulsar" -> PULSAR;
      default -> throw new IllegalArgumentException("no in-cluster dependency " + name);
    };
  }

  private static List<String> etcdPatterns() {
    List<String> etcd = new ArrayList<>(COMMON);
    etcd.add("replicaCount");
    return etcd;
  }

  private static List<String> kafkaPatterns() {
    List<String> kafka = new ArrayList<>(COMMON);
    kafka.addAll(KAFKA);
    return kafka;
  }

  private static List<String> storagePatterns() {
    List<String> storage = new ArrayList<>(COMMON);
    storage.addAll(MINIO);
    return storage;
  }

  private static List<Dependency> dependencies(RenderContext ctx) {
    var deps = ctx.spec().getDependencies();
    List<Dependency> list = new ArrayList<>();
    if (!ctx.externalEtcd()) {
      list.add(new Dependency("spec.dependencies.etcd", values(deps.getEtcd().getInCluster()), etcdPatterns(),
          List.of()));
    }
    if (!ctx.externalStorage()) {
      List<String> minio = new ArrayList<>(COMMON);
      // a standalone MinIO has no pools: its servers' and drives' counts do nothing, as in the chart
      minio.addAll(InClusterMinio.layout(ctx).distributed() ? MINIO : List.of("mode"));
      list.add(new Dependency("spec.dependencies.storage", values(deps.getStorage().getInCluster()), minio, List.of()));
    }
    if (ctx.inClusterKafka()) {
      list.add(new Dependency("spec.dependencies.kafka", values(deps.getKafka().getInCluster()), kafkaPatterns(),
          List.of()));
    }
    if (ctx.inClusterPulsar()) {
      list.add(new Dependency("spec.dependencies.pulsar", values(deps.getPulsar().getInCluster()),
          pulsarPatterns(), PULSAR_EXTRAS_OFF));
    }
    return list;
  }

  /** The Pulsar patterns with {@code *} at the start standing for one of Pulsar's parts only. */
  private static List<String> pulsarPatterns() {
    List<String> patterns = new ArrayList<>();
    for (String pattern : PULSAR) {
      if (pattern.startsWith("*.")) {
        PULSAR_PARTS.forEach(part -> patterns.add(part + pattern.substring(1)));
      } else {
        patterns.add(pattern);
      }
    }
    return patterns;
  }

  private static Map<String, Object> values(InClusterConfig inCluster) {
    return inCluster == null || inCluster.getValues() == null ? Map.of() : inCluster.getValues();
  }

  private interface LeafVisitor {
    void visit(String path, Object value);
  }

  /** Every leaf of the nested maps (lists and scalars are leaves), with its dotted path. */
  private static void leaves(Map<?, ?> values, String prefix, LeafVisitor visitor) {
    values.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key.toString() : prefix + "." + key;
      if (value instanceof Map<?, ?> map && !map.isEmpty()) {
        leaves(map, path, visitor);
      } else {
        visitor.visit(path, value);
      }
    });
  }

  private static boolean matchesAny(List<String> patterns, String path) {
    return patterns.stream().anyMatch(p -> glob(p).matcher(path).matches());
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\.")) {
      if (!regex.isEmpty()) {
        regex.append("\\.");
      }
      regex.append(switch (part) {
        case "**" -> ".+";
        case "*" -> "[^.]+";
        default -> Pattern.quote(part);
      });
    }
    return Pattern.compile(regex.toString());
  }
}
