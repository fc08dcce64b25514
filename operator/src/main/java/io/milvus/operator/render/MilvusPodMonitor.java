package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Prometheus operator's PodMonitor {@code <cr>}, as upstream renders it when metrics are on
 * ({@code disableMetric: false}) and the kind is installed: every Milvus pod's {@code metrics} port, and the in-cluster
 * etcd's {@code client} port, at {@code metricInterval}, with {@code metricLabels} added to every sample.
 */
public final class MilvusPodMonitor {

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "PodMonitor";
  /** The CRD whose presence says the Prometheus operator is installed. */
  public static final String CRD = "podmonitors.monitoring.coreos.com";
  static final String DEFAULT_INTERVAL = "30s";
  static final String DEPLOYMENT_GROUP = "milvus.io/deployment-group";

  private MilvusPodMonitor() {}

  public static Optional<GenericKubernetesResource> render(RenderContext ctx) {
    MilvusComponents components = ctx.spec().getComponents();
    if (Boolean.TRUE.equals(components.getDisableMetric()) || !ctx.cluster().podMonitorsServed()) {
      return Optional.empty();
    }
    String interval = Optional.ofNullable(components.getMetricInterval()).filter(s -> !s.isBlank())
        .orElse(DEFAULT_INTERVAL);
    List<Map<String, Object>> relabelings = new ArrayList<>();
    new TreeMap<>(Optional.ofNullable(components.getMetricLabels()).orElse(Map.of())).forEach((label, value) ->
        relabelings.add(Map.of("action", "replace", "replacement", value, "targetLabel", label)));
    List<Map<String, Object>> endpoints = new ArrayList<>();
    endpoints.add(endpoint(ComponentDeployment.METRICS_PORT_NAME, interval, relabelings));
    if (!ctx.externalEtcd()) {
      endpoints.add(endpoint("client", interval, relabelings));
    }
    Map<String, String> selector = Labels.instance(ctx.name());
    selector.remove(Labels.MANAGED_BY);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", Map.of("matchLabels", selector));
    spec.put("namespaceSelector", Map.of("matchNames", List.of(ctx.namespace())));
    spec.put("podTargetLabels", List.of(Labels.INSTANCE, Labels.NAME, Labels.COMPONENT, DEPLOYMENT_GROUP));
    spec.put("podMetricsEndpoints", endpoints);
    return Optional.of(new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION).withKind(KIND)
        .withNewMetadata()
          .withName(ctx.name()).withNamespace(ctx.namespace())
          .withLabels(Labels.instance(ctx.name())).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build());
  }

  private static Map<String, Object> endpoint(String port, String interval, List<Map<String, Object>> relabelings) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("honorLabels", true);
    endpoint.put("interval", interval);
    endpoint.put("path", "/metrics");
    endpoint.put("port", port);
    if (!relabelings.isEmpty()) {
      endpoint.put("metricRelabelings", relabelings);
    }
    return endpoint;
  }
}
