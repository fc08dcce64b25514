package io.milvus.operator.adopt;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: the in-cluster dependencies the Go operator installed with Helm (etcd, MinIO, Pulsar, Kafka: objects labelled
 * {@code app.kubernetes.io/managed-by: Helm}) are used where they are and left hands-off. Such a dependency is served
 * as if it were external at its in-cluster address (the one the Go operator and this operator both give it): nothing
 * of it is rendered, so it is never reshaped or recreated; its readiness is the endpoint check of external
 * dependencies; and deletion policies, which apply to in-cluster dependencies only, never delete it or its data.
 */
public final class HelmDependencies {

  public static final String MANAGED_BY_HELM = "Helm";

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private HelmDependencies() {}

  /** The Service that tells a dependency is there, by dependency, for Milvus {@code cr}. */
  public static Map<String, String> clientServices(String cr) {
    Map<String, String> services = new LinkedHashMap<>();
    services.put("etcd", Names.etcd(cr));
    services.put("storage", Names.minio(cr));
    services.put("pulsar", InClusterPulsar.Part.PROXY.objectName(cr));
    services.put("kafka", Names.kafka(cr));
    return services;
  }

  /**
   * @param ctx the Milvus with its defaulted spec
   * @param helmServices the names of the Services labelled managed-by Helm in the Milvus's namespace
   * @return the dependencies found installed by Helm, by the names of {@link #clientServices}
   */
  public static List<String> installedByHelm(RenderContext ctx, Set<String> helmServices) {
    List<String> found = new ArrayList<>();
    clientServices(ctx.name()).forEach((dependency, service) -> {
      if (helmServices.contains(service) && isInCluster(ctx, dependency)) {
        found.add(dependency);
      }
    });
    return found;
  }

  /** The defaulted spec with each dependency installed by Helm made external at its in-cluster address. */
  public static MilvusSpec servedAsExternal(RenderContext ctx, List<String> helmInstalled) {
    if (helmInstalled.isEmpty()) {
      return ctx.spec();
    }
    MilvusSpec spec = JSON.clone(ctx.spec());
    var deps = spec.getDependencies();
    String ns = ctx.namespace();
    String cr = ctx.name();
    for (String dependency : helmInstalled) {
      switch (dependency) {
        case "etcd" -> {
          deps.getEtcd().setExternal(true);
          if (deps.getEtcd().getEndpoints() == null || deps.getEtcd().getEndpoints().isEmpty()) {
            deps.getEtcd().setEndpoints(List.of(Names.etcd(cr) + "." + ns + ":2379"));
          }
        }
        case "storage" -> {
          deps.getStorage().setExternal(true);
          if (isBlank(deps.getStorage().getEndpoint())) {
            deps.getStorage().setEndpoint(Names.minio(cr) + "." + ns + ":9000");
          }
          if (isBlank(deps.getStorage().getSecretRef())) {
            deps.getStorage().setSecretRef(Names.minioSecret(cr)); // the chart's Secret, as the Go operator names it
          }
        }
        case "pulsar" -> {
          deps.getPulsar().setExternal(true);
          if (isBlank(deps.getPulsar().getEndpoint())) {
            deps.getPulsar().setEndpoint(InClusterPulsar.proxyHost(ctx) + ":6650");
          }
        }
        case "kafka" -> {
          deps.getKafka().setExternal(true);
          if (deps.getKafka().getBrokerList() == null || deps.getKafka().getBrokerList().isEmpty()) {
            deps.getKafka().setBrokerList(List.of(Names.kafka(cr) + "." + ns + ":9092"));
          }
        }
        default -> throw new IllegalArgumentException("not a dependency: " + dependency);
      }
    }
    return spec;
  }

  private static boolean isInCluster(RenderContext ctx, String dependency) {
    return switch (dependency) {
      case "etcd" -> !ctx.externalEtcd();
      case "storage" -> !ctx.externalStorage();
      case "pulsar" -> ctx.inClusterPulsar();
      case "kafka" -> ctx.inClusterKafka();
      default -> false;
    };
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
