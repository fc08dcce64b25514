package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A minimal OpenAPI v3 discovery: the {@code /openapi/v3} index and, per group/version, one PATCH operation per
 * kind that declares the {@code fieldValidation} query parameter. That is what kubectl looks for before it lets the
 * server validate fields ({@code kubectl create/apply} validate by default, and without this they fail to download
 * a schema). No schemas are served: kubectl then falls back to its compiled-in knowledge for strategic merge
 * patches of built-ins, and the server prunes custom resources with their CRD schema. Pure.
 */
final class OpenApiV3 {

  static final String ROOT = "/openapi/v3";

  private OpenApiV3() {
  }

  /** True for {@code /openapi/v3} and {@code /openapi/v3/...} (query excluded). */
  static boolean isOpenApiV3Path(String path) {
    String bare = bare(path);
    return bare.equals(ROOT) || bare.startsWith(ROOT + "/");
  }

  /**
   * The document for an OpenAPI v3 path, or null when the group/version is unknown.
   *
   * @param resources every resource type served (built-ins and CRDs), as discovery lists them
   */
  static ObjectNode document(String path, List<ApiDiscovery.Resource> resources,
      Function<ApiDiscovery.Resource, JsonNode> schemas) {
    String bare = bare(path);
    if (bare.equals(ROOT) || bare.equals(ROOT + "/")) {
      return index(resources);
    }
    String groupVersionPath = bare.substring(ROOT.length() + 1); // api/v1 or apis/{group}/{version}
    List<ApiDiscovery.Resource> inGroupVersion = resources.stream()
        .filter(r -> prefix(r).equals(groupVersionPath)).toList();
    return inGroupVersion.isEmpty() ? null : groupVersion(inGroupVersion, schemas);
  }

  private static ObjectNode index(List<ApiDiscovery.Resource> resources) {
    ObjectNode paths = JsonNodeFactory.instance.objectNode();
    resources.stream().map(OpenApiV3::prefix).distinct().forEach(prefix -> paths.putObject(prefix)
        .put("serverRelativeURL", ROOT + "/" + prefix + "?hash=" + Integer.toHexString(Objects.hash(prefix))));
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    index.set("paths", paths);
    return index;
  }

  private static ObjectNode groupVersion(List<ApiDiscovery.Resource> resources,
      Function<ApiDiscovery.Resource, JsonNode> schemas) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes (kube-sim)").put("version", "v1.31.0");
    ObjectNode paths = doc.putObject("paths");
    for (ApiDiscovery.Resource r : resources) {
      String path = "/" + prefix(r) + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      patch.put("operationId", "patch" + r.kind());
      patch.putObject("x-kubernetes-group-version-kind")
          .put("group", r.group()).put("version", r.version()).put("kind", r.kind());
      patch.putArray("parameters").addObject()
          .put("name", "fieldValidation").put("in", "query")
          .put("description", "How the server treats unknown fields: Ignore, Warn or Strict.")
          .putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    ObjectNode components = doc.putObject("components").putObject("schemas");
    for (ApiDiscovery.Resource r : resources) {
      JsonNode schema = schemas.apply(r);
      if (schema != null && schema.isObject()) {
        ObjectNode named = ((ObjectNode) schema).deepCopy();
        named.putArray("x-kubernetes-group-version-kind").addObject()
            .put("group", r.group()).put("version", r.version()).put("kind", r.kind());
        components.set(schemaName(r), named);
      }
    }
    return doc;
  }

  /** As Kubernetes names them: the group reversed, then version and kind ({@code io.milvus.v1beta1.Milvus}). */
  private static String schemaName(ApiDiscovery.Resource r) {
    List<String> parts = new java.util.ArrayList<>(List.of(r.group().split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts) + "." + r.version() + "." + r.kind();
  }

  private static String prefix(ApiDiscovery.Resource r) {
    return r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.group() + "/" + r.version();
  }

  private static String bare(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
