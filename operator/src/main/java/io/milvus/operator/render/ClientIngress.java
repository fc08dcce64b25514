package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.v1beta1.MilvusIngress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ingress {@code <cr>-milvus} for the {@code ingress} of standalone or the proxy, as upstream renders it: each host's
 * path {@code /} to the Service's Milvus port, TLS from {@code tlsSecretRefs} (Secret → hosts).
 */
public final class ClientIngress {

  private ClientIngress() {}

  public static Optional<Ingress> render(RenderContext ctx) {
    var components = ctx.spec().getComponents();
    var front = MilvusDefaults.MODE_CLUSTER.equals(ctx.spec().getMode()) ? components.getProxy()
        : components.getStandalone();
    MilvusIngress spec = front == null ? null : front.getIngress();
    if (spec == null) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec.getLabels() != null) {
      labels.putAll(spec.getLabels());
    }
    labels.putAll(Labels.instance(ctx.name()));
    List<IngressRule> rules = Optional.ofNullable(spec.getHosts()).orElse(List.of()).stream()
        .map(host -> new IngressRuleBuilder().withHost(host).withNewHttp()
            .withPaths(new HTTPIngressPathBuilder().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(Names.service(ctx.name()))
                .withNewPort().withNumber(MilvusService.port(ctx)).endPort().endService().endBackend()
                .build())
            .endHttp().build())
        .toList();
    // sorted by Secret: a map's order must not make the object look changed
    List<IngressTLS> tls = new TreeMap<>(Optional.ofNullable(spec.getTlsSecretRefs()).orElse(Map.of())).entrySet()
        .stream().map(e -> new IngressTLSBuilder().withSecretName(e.getKey()).withHosts(e.getValue()).build())
        .toList();
    return Optional.of(new IngressBuilder()
        .withNewMetadata()
          .withName(Names.service(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(labels).withAnnotations(spec.getAnnotations())
          .withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withIngressClassName(spec.getIngressClassName())
          .withRules(rules.isEmpty() ? null : rules)
          .withTls(tls.isEmpty() ? null : tls)
        .endSpec()
        .build());
  }
}
