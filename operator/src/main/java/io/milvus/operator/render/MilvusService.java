package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.v1beta1.ServiceComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Service {@code <cr>-milvus}: the gRPC port (19530 by default) and metrics (9091) of standalone or the proxy. */
public final class MilvusService {

  private MilvusService() {}

  public static Service render(RenderContext ctx) {
    ServiceComponent front = front(ctx);
    boolean integerTargets = "integer".equals(ctx.spec().getComponents().getTargetPortType());
    List<ServicePort> ports = new ArrayList<>();
    ports.add(port("milvus", port(ctx), integerTargets ? new IntOrString(ComponentDeployment.MILVUS_PORT)
        : new IntOrString("milvus")));
    ports.add(port("metrics", ComponentDeployment.METRICS_PORT, integerTargets
        ? new IntOrString(ComponentDeployment.METRICS_PORT) : new IntOrString("metrics")));
    Integer restfulPort = restfulPort(ctx);
    if (restfulPort != null) {
      ports.add(port(ComponentDeployment.RESTFUL_PORT, restfulPort, integerTargets ? new IntOrString(restfulPort)
          : new IntOrString(ComponentDeployment.RESTFUL_PORT)));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (front.getServiceLabels() != null) {
      labels.putAll(front.getServiceLabels());
    }
    labels.putAll(Labels.instance(ctx.name()));
    Map<String, String> selector = Labels.instance(ctx.name());
    selector.remove(Labels.MANAGED_BY);
    selector.put(Labels.SERVICE, "true");
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(Names.service(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(labels).withAnnotations(front.getServiceAnnotations())
          .withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withType(front.getServiceType())
          .withSelector(selector)
          .withPorts(ports)
        .endSpec()
        .build();
  }

  public static int port(RenderContext ctx) {
    Integer port = front(ctx).getPort();
    return port == null || port <= 0 ? MilvusDefaults.DEFAULT_PORT : port;
  }

  /** {@code serviceRestfulPort}: the port of Milvus's RESTful API, on the container and the Service; null when not set. */
  static Integer restfulPort(RenderContext ctx) {
    Integer port = front(ctx).getServiceRestfulPort();
    return port == null || port <= 0 ? null : port;
  }

  private static ServiceComponent front(RenderContext ctx) {
    var components = ctx.spec().getComponents();
    return MilvusDefaults.MODE_CLUSTER.equals(ctx.spec().getMode()) ? components.getProxy() : components.getStandalone();
  }

  private static ServicePort port(String name, int port, IntOrString target) {
    return new ServicePortBuilder().withName(name).withProtocol("TCP").withPort(port).withTargetPort(target).build();
  }
}
