package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the REST resource (plural, scope) of an apiVersion and kind, as the API server's REST mapper would:
 * built-in kinds from fabric8's model, custom kinds from the CustomResourceDefinitions stored in the server.
 */
final class KindResolver {

  /** apiVersion and kind, as an owner reference names them. */
  record Kind(String apiVersion, String kind) {
    String group() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String version() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    static Kind of(HasMetadata object) {
      return new Kind(object.getApiVersion(), object.getKind());
    }

    @Override
    public String toString() {
      return apiVersion + "/" + kind;
    }
  }

  private final KubernetesClient client;
  private final Map<Kind, ResourceDefinitionContext> resolved = new ConcurrentHashMap<>();

  KindResolver(KubernetesClient client) {
    this.client = client;
  }

  /** The resource for the kind, or null if no built-in or stored CRD defines it (yet). */
  ResourceDefinitionContext resolve(Kind kind) {
    ResourceDefinitionContext known = resolved.get(kind);
    if (known != null) {
      return known;
    }
    ResourceDefinitionContext found = builtIn(kind);
    if (found == null) {
      found = fromCustomResourceDefinitions(kind);
    }
    if (found != null) {
      resolved.put(kind, found);
    }
    return found;
  }

  private ResourceDefinitionContext builtIn(Kind kind) {
    Class<? extends KubernetesResource> type =
        client.getKubernetesSerialization().getRegisteredKubernetesResource(kind.apiVersion(), kind.kind());
    if (type == null || type == GenericKubernetesResource.class || !HasMetadata.class.isAssignableFrom(type)) {
      return null;
    }
    return ResourceDefinitionContext.fromResourceType(type);
  }

  private ResourceDefinitionContext fromCustomResourceDefinitions(Kind kind) {
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      var spec = crd.getSpec();
      if (spec != null && kind.group().equals(spec.getGroup()) && spec.getNames() != null
          && kind.kind().equals(spec.getNames().getKind())) {
        return new ResourceDefinitionContext.Builder()
            .withGroup(kind.group())
            .withVersion(kind.version())
            .withKind(kind.kind())
            .withPlural(spec.getNames().getPlural())
            .withNamespaced(!"Cluster".equals(spec.getScope()))
            .build();
      }
    }
    return null;
  }
}
