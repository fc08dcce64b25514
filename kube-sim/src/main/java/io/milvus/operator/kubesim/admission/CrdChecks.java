package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CustomResourceDefinition as the API server checks it when installed: each version's schema is structural
 * (every field has a type, unless it is int-or-string or keeps unknown fields) and each CEL rule compiles.
 */
final class CrdChecks {

  private final CelRules cel;

  CrdChecks(CelRules cel) {
    this.cel = cel;
  }

  List<FieldError> validate(JsonNode crd) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    for (String required : List.of("group", "scope")) {
      if (spec.path(required).asText("").isEmpty()) {
        errors.add(FieldError.required("spec." + required, null));
      }
    }
    String expectedName = spec.path("names").path("plural").asText() + "." + spec.path("group").asText();
    String name = crd.path("metadata").path("name").asText();
    if (!name.equals(expectedName)) {
      errors.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    JsonNode versions = spec.path("versions");
    if (versions.isEmpty()) {
      errors.add(FieldError.required("spec.versions", "must have exactly one version marked as storage version"));
    }
    for (int i = 0; i < versions.size(); i++) {
      JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
      if (!schema.isMissingNode()) {
        String path = "spec.versions[" + i + "].schema.openAPIV3Schema";
        if (!"object".equals(schema.path("type").asText())) {
          errors.add(FieldError.invalid(path + ".type", schema.path("type").asText(""), "must be object at the root"));
        }
        schema(schema, path, errors);
      }
    }
    return errors;
  }

  /**
   * A version objects may still be stored in ({@code status.storedVersions}) cannot leave {@code spec.versions}: the
   * API server could not read those objects any more. On an update of the CRD itself the status is the old one's (a
   * subresource); the list shrinks only through the status, once the objects were rewritten.
   */
  static List<FieldError> storedVersions(JsonNode crd, JsonNode old, boolean statusUpdate) {
    JsonNode stored = statusUpdate || old == null ? crd.path("status").path("storedVersions")
        : old.path("status").path("storedVersions");
    List<String> served = new ArrayList<>();
    crd.path("spec").path("versions").forEach(v -> served.add(v.path("name").asText()));
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      if (!served.contains(stored.get(i).asText())) {
        errors.add(FieldError.invalid("status.storedVersions[" + i + "]", stored.get(i).asText(),
            "must appear in spec.versions"));
      }
    }
    return errors;
  }

  private void schema(JsonNode node, String path, List<FieldError> errors) {
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (node.path("type").asText("").isEmpty() && !intOrString && !preserve) {
      errors.add(FieldError.required(path + ".type", "must not be empty for specified fields"));
    }
    JsonNode rules = node.path("x-kubernetes-validations");
    for (int i = 0; i < rules.size(); i++) {
      String at = path + ".x-kubernetes-validations[" + i + "]";
      String rule = rules.get(i).path("rule").asText("");
      if (rule.isBlank()) {
        errors.add(FieldError.required(at + ".rule", null));
        continue;
      }
      CelRules.Compiled compiled = cel.compile(rule);
      if (compiled.error() != null) {
        errors.add(FieldError.invalid(at + ".rule", rule, "compilation failed: " + compiled.error()));
      }
      JsonNode messageExpression = rules.get(i).get("messageExpression");
      if (messageExpression != null && cel.compile(messageExpression.asText()).error() != null) {
        errors.add(FieldError.invalid(at + ".messageExpression", messageExpression.asText(),
            "messageExpression compilation failed: " + cel.compile(messageExpression.asText()).error()));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      schema(property.getValue(), path + ".properties[" + property.getKey() + "]", errors);
    }
    if (node.path("items").isObject()) {
      schema(node.get("items"), path + ".items", errors);
    }
    if (node.path("additionalProperties").isObject()) {
      schema(node.get("additionalProperties"), path + ".additionalProperties", errors);
    }
  }
}
