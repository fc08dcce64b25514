package io.milvus.operator.render;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code inCluster.values} of an in-cluster Pulsar, read with the Apache Pulsar chart's keys (the chart upstream
 * installs): {@code <component>.replicaCount}, {@code <component>.resources}, {@code <component>.configData},
 * {@code images.<component>.repository|tag|pullPolicy}, {@code persistence}, {@code volumes.persistence},
 * {@code zookeeper.volumes.data}, {@code bookkeeper.volumes.journal|ledgers} and {@code auth}. Components are named
 * as the chart's values name them: zookeeper, bookkeeper, broker, proxy, autorecovery (images: bookie for
 * bookkeeper).
 */
public record PulsarValues(Map<String, Object> values, PulsarVersion version, boolean standalone) {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  /** Pulsar's major line, chosen by {@code chartVersion} as upstream does; pulsar-v3 for a new install. */
  public enum PulsarVersion {
    V2("pulsar-v2", "apachepulsar/pulsar", "2.9.5"),
    V3("pulsar-v3", "apachepulsar/pulsar", "3.0.7");

    final String chartVersion;
    final String repository;
    final String tag;

    PulsarVersion(String chartVersion, String repository, String tag) {
      this.chartVersion = chartVersion;
      this.repository = repository;
      this.tag = tag;
    }

    static PulsarVersion of(String chartVersion) {
      return "pulsar-v2".equals(chartVersion) ? V2 : V3;
    }
  }

  /** The JWT settings of {@code auth}: the chart's token authentication with a symmetric or an asymmetric key. */
  public record Jwt(boolean usingSecretKey, boolean authorization, String brokerRole, String proxyRole,
      String clientRole) {
    List<String> superUsers() {
      List<String> roles = new ArrayList<>();
      for (String role : List.of(brokerRole, proxyRole, clientRole)) {
        if (role != null && !role.isBlank() && !roles.contains(role)) {
          roles.add(role);
        }
      }
      return roles;
    }
  }

  static PulsarValues of(RenderContext ctx) {
    return of(ctx.spec());
  }

  static PulsarValues of(MilvusSpec spec) {
    InClusterConfig inCluster = spec.getDependencies().getPulsar().getInCluster();
    Map<String, Object> values = inCluster == null || inCluster.getValues() == null ? Map.of() : inCluster.getValues();
    return new PulsarValues(values, PulsarVersion.of(inCluster == null ? null : inCluster.getChartVersion()),
        "standalone".equals(spec.getMode()));
  }

  /** Replicas of a component: the value, else 3 ZooKeepers and bookies, 2 brokers and proxies (1 each in standalone). */
  int replicas(String component) {
    Object count = get(component + ".replicaCount");
    if (count instanceof Number n) {
      return n.intValue();
    }
    if (standalone) {
      return 1;
    }
    return switch (component) {
      case "zookeeper", "bookkeeper" -> 3;
      case "autorecovery" -> 1;
      default -> 2;
    };
  }

  boolean enabled(String component, boolean byDefault) {
    Object flag = get("components." + component);
    return flag instanceof Boolean b ? b : byDefault;
  }

  /** @param imageKey the key under {@code images}: zookeeper, bookie, broker, proxy or autorecovery */
  String image(String imageKey) {
    Object repository = get("images." + imageKey + ".repository");
    Object tag = get("images." + imageKey + ".tag");
    Object defaultTag = get("defaultPulsarImageTag");
    return (repository == null ? version.repository : repository) + ":"
        + (tag != null ? tag : defaultTag != null ? defaultTag : version.tag);
  }

  String pullPolicy(String imageKey) {
    Object policy = get("images." + imageKey + ".pullPolicy");
    return policy == null ? null : policy.toString();
  }

  ResourceRequirements resources(String component) {
    Object resources = get(component + ".resources");
    return resources == null ? null : JSON.convertValue(resources, ResourceRequirements.class);
  }

  /** The component's {@code configData}: settings the Pulsar image applies from its environment. */
  Map<String, String> configData(String component) {
    Map<String, String> config = new LinkedHashMap<>();
    if (get(component + ".configData") instanceof Map<?, ?> data) {
      data.forEach((k, v) -> config.put(k.toString(), v == null ? "" : v.toString()));
    }
    return config;
  }

  /** Whether a component's volumes are claims (else emptyDirs): the chart's global switches, then its own. */
  boolean persistent(String component) {
    return flag("persistence", true) && flag("volumes.persistence", true)
        && flag(component + ".volumes.persistence", true);
  }

  String volumeSize(String component, String volume, String fallback) {
    Object size = get(component + ".volumes." + volume + ".size");
    return size == null ? fallback : size.toString();
  }

  String storageClass(String component, String volume) {
    Object storageClass = get(component + ".volumes." + volume + ".storageClassName");
    return storageClass == null ? null : storageClass.toString();
  }

  /** The JWT authentication {@code auth} asks for, if any. */
  Optional<Jwt> jwt() {
    if (!Boolean.TRUE.equals(get("auth.authentication.enabled"))
        || !"jwt".equals(String.valueOf(get("auth.authentication.provider")))) {
      return Optional.empty();
    }
    return Optional.of(new Jwt(
        !Boolean.FALSE.equals(get("auth.authentication.jwt.usingSecretKey")),
        Boolean.TRUE.equals(get("auth.authorization.enabled")),
        text("auth.superUsers.broker", "broker-admin"),
        text("auth.superUsers.proxy", "proxy-admin"),
        text("auth.superUsers.client", "admin")));
  }

  private boolean flag(String path, boolean fallback) {
    Object value = get(path);
    return value instanceof Boolean b ? b : fallback;
  }

  private String text(String path, String fallback) {
    Object value = get(path);
    return value == null ? fallback : value.toString();
  }

  Object get(String path) {
    return ConfigMaps.get(values, path);
  }
}
