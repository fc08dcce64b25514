package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders docs/api-reference.md from the generated CRDs and the model: one section per type of the API, each field
 * with its type, its constraints and the description {@code kubectl explain} shows. Types that appear in many places
 * (every component is a Component) are described once and linked.
 */
final class ApiReference {

  /** A resource kind: its CRD (generated, on the classpath) and its model class. */
  record Kind(String crdFile, Class<?> model) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWN_TYPES = io.milvus.operator.api.v1beta1.Milvus.class.getPackageName();

  /** Own types in the order they are first met, with the schema of their first occurrence. */
  private final Map<Class<?>, JsonNode> types = new LinkedHashMap<>();

  private ApiReference() {}

  static String render(List<Kind> kinds) {
    StringBuilder md = new StringBuilder();
    md.append("# API reference: milvus.io/v1beta1\n\n")
        .append("<!-- Generated from the CRDs by ApiReferenceTest; do not edit. Refresh with\n")
        .append("     mvn -pl api -am test -Dtest=ApiReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dapidoc.update=true -->\n\n")
        .append("The same descriptions are shown by `kubectl explain`, e.g. `kubectl explain milvus.spec.components`.")
        .append(" Every object also keeps fields it does not know (newer upstream fields), and lists them in")
        .append(" `status.ignoredFields`.\n\n");
    ApiReference reference = new ApiReference();
    for (Kind kind : kinds) {
      JsonNode crd = TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/" + kind.crdFile()));
      md.append("- [").append(kind.model().getSimpleName()).append("](#").append(anchor(kind.model())).append(")")
          .append(": `kubectl get ").append(crd.at("/spec/names/plural").asText()).append("`");
      JsonNode shortNames = crd.at("/spec/names/shortNames");
      if (shortNames.isArray() && !shortNames.isEmpty()) {
        md.append(" (short name `").append(shortNames.get(0).asText()).append("`)");
      }
      md.append("\n");
      reference.collect(JSON.constructType(kind.model()), crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    }
    md.append("\n");
    reference.types.forEach((type, schema) -> reference.section(md, type, schema));
    return md.toString();
  }

  private void collect(JavaType type, JsonNode schema) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      collect(type.getContentType(), schema.path("items"));
    } else if (type.isMapLikeType()) {
      collect(type.getContentType(), schema.path("additionalProperties"));
    } else if (isOwn(type) && !types.containsKey(type.getRawClass()) && schema.has("properties")) {
      types.put(type.getRawClass(), schema);
      Map<String, JavaType> properties = properties(type);
      schema.path("properties").fields().forEachRemaining(p -> {
        JavaType propertyType = properties.get(p.getKey());
        if (propertyType != null) {
          collect(propertyType, p.getValue());
        }
      });
    }
  }

  private void section(StringBuilder md, Class<?> type, JsonNode schema) {
    md.append("## ").append(type.getSimpleName()).append("\n\n");
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      md.append("Rule: ").append(rule.path("message").asText()).append(".\n\n");
    }
    md.append("| Field | Type | Description |\n|---|---|---|\n");
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    Map<String, JavaType> properties = properties(JSON.constructType(type));
    schema.path("properties").fields().forEachRemaining(p -> {
      JavaType propertyType = properties.get(p.getKey());
      md.append("| `").append(p.getKey()).append("`").append(required.contains(p.getKey()) ? " (required)" : "")
          .append(" | ").append(propertyType == null ? p.getValue().path("type").asText() : typeName(propertyType))
          .append(" | ").append(cell(p.getValue().path("description").asText()))
          // an own type's rules are listed in its section
          .append(propertyType != null && types.containsKey(propertyType.getRawClass()) ? "" : constraints(p.getValue()))
          .append(" |\n");
    });
    md.append("\n");
  }

  private static String constraints(JsonNode field) {
    List<String> found = new ArrayList<>();
    if (field.has("minimum")) {
      found.add("minimum " + field.get("minimum").asText());
    }
    if (field.has("maximum")) {
      found.add("maximum " + field.get("maximum").asText());
    }
    if (field.has("maxLength")) {
      found.add("at most " + field.get("maxLength").asText() + " characters");
    }
    if (field.has("pattern")) {
      found.add("pattern `" + field.get("pattern").asText() + "`");
    }
    for (JsonNode rule : field.path("x-kubernetes-validations")) {
      found.add(rule.path("message").asText());
    }
    return found.isEmpty() ? "" : "<br>Validation: " + cell(String.join("; ", found)) + ".";
  }

  private String typeName(JavaType type) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "[]" + typeName(type.getContentType());
    }
    if (type.isMapLikeType() && type.getContentType().getRawClass() == Object.class) {
      return "object (free-form)";
    }
    if (type.isMapLikeType()) {
      return "map[string]" + typeName(type.getContentType());
    }
    Class<?> raw = type.getRawClass();
    if (types.containsKey(raw)) {
      return "[" + raw.getSimpleName() + "](#" + anchor(raw) + ")";
    }
    if (raw == String.class) {
      return "string";
    }
    if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
      return "integer";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    }
    if (raw == Object.class) {
      return "any";
    }
    return raw.getPackageName().startsWith("io.fabric8.kubernetes.api.model") ? "Kubernetes " + raw.getSimpleName() : "object";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }

  private static String anchor(Class<?> type) {
    return type.getSimpleName().toLowerCase();
  }

  /** A type of this project's API, which the reference describes (not Kubernetes' or Java's). */
  static boolean isOwn(JavaType type) {
    return type.getRawClass().getPackageName().equals(OWN_TYPES);
  }

  /** The JSON properties of a model type, as Jackson (and so the CRD generator) sees them. */
  static Map<String, JavaType> properties(JavaType type) {
    Map<String, JavaType> properties = new HashMap<>();
    for (BeanPropertyDefinition property : JSON.getSerializationConfig().introspect(type).findProperties()) {
      properties.put(property.getName(), property.getPrimaryType());
    }
    return properties;
  }
}
