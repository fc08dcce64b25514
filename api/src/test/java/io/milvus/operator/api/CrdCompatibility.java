package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What a new CRD breaks for objects written against an older one: a version no longer served, a field removed or
 * retyped, a newly required field, pruning switched on, and the narrowings that can reject a stored object (fewer
 * enum values, a tighter bound or pattern, a new CEL rule). Adding optional fields, widening and loosening are fine.
 */
final class CrdCompatibility {

  /** One incompatibility, at a JSON path of the schema. */
  record Finding(String path, String problem) {
    @Override
    public String toString() {
      return path + ": " + problem;
    }
  }

  /** Bounds whose rise rejects values that were valid before, and those whose fall does. */
  private static final List<String> LOWER_BOUNDS = List.of("minimum", "minLength", "minItems", "minProperties");
  private static final List<String> UPPER_BOUNDS = List.of("maximum", "maxLength", "maxItems", "maxProperties");

  private final List<Finding> findings = new ArrayList<>();

  private CrdCompatibility() {}

  static List<Finding> check(JsonNode released, JsonNode current) {
    CrdCompatibility check = new CrdCompatibility();
    check.crd(released, current);
    return check.findings;
  }

  private void crd(JsonNode released, JsonNode current) {
    JsonNode oldSpec = released.path("spec");
    JsonNode newSpec = current.path("spec");
    for (String field : List.of("group", "scope")) {
      same("spec." + field, oldSpec.path(field), newSpec.path(field));
    }
    for (String field : List.of("kind", "plural", "singular")) {
      same("spec.names." + field, oldSpec.path("names").path(field), newSpec.path("names").path(field));
    }
    for (JsonNode oldVersion : oldSpec.path("versions")) {
      if (!oldVersion.path("served").asBoolean()) {
        continue;
      }
      String name = oldVersion.path("name").asText();
      String path = "versions[" + name + "]";
      JsonNode newVersion = version(newSpec, name);
      if (newVersion == null || !newVersion.path("served").asBoolean()) {
        add(path, "version no longer served");
        continue;
      }
      if (oldVersion.path("subresources").has("status") && !newVersion.path("subresources").has("status")) {
        add(path + ".subresources", "status subresource removed");
      }
      schema(path, oldVersion.path("schema").path("openAPIV3Schema"), newVersion.path("schema").path("openAPIV3Schema"));
    }
  }

  private void schema(String path, JsonNode old, JsonNode now) {
    if (!old.path("type").asText().equals(now.path("type").asText())) {
      add(path, "type " + text(old.get("type")) + " became " + text(now.get("type")));
      return;
    }
    if (preservesUnknown(old) && !preservesUnknown(now)) {
      add(path, "x-kubernetes-preserve-unknown-fields removed: unknown fields would be pruned");
    }
    if (old.path("nullable").asBoolean() && !now.path("nullable").asBoolean()) {
      add(path, "no longer nullable");
    }
    if (old.path("x-kubernetes-int-or-string").asBoolean(false)
        != now.path("x-kubernetes-int-or-string").asBoolean(false)) {
      add(path, "x-kubernetes-int-or-string changed");
    }
    enumValues(path, old, now);
    bounds(path, old, now);
    if (!old.path("pattern").equals(now.path("pattern")) && now.has("pattern")) {
      add(path, "pattern " + text(old.get("pattern")) + " became " + text(now.get("pattern")));
    }
    celRules(path, old, now);
    Set<String> newlyRequired = names(now.path("required"));
    newlyRequired.removeAll(names(old.path("required")));
    newlyRequired.forEach(field -> add(path + "." + field, "newly required"));

    Iterator<Map.Entry<String, JsonNode>> properties = old.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode replacement = now.path("properties").get(property.getKey());
      if (replacement == null) {
        add(path + "." + property.getKey(), "field removed");
      } else {
        schema(path + "." + property.getKey(), property.getValue(), replacement);
      }
    }
    if (old.has("items")) {
      schema(path + "[]", old.get("items"), now.path("items"));
    }
    if (old.path("additionalProperties").isObject()) {
      schema(path + "{}", old.get("additionalProperties"), now.path("additionalProperties"));
    }
  }

  private void enumValues(String path, JsonNode old, JsonNode now) {
    if (!now.has("enum")) {
      return;
    }
    if (!old.has("enum")) {
      add(path, "enum added: " + now.get("enum"));
      return;
    }
    Set<String> dropped = names(old.get("enum"));
    dropped.removeAll(names(now.get("enum")));
    if (!dropped.isEmpty()) {
      add(path, "enum values removed: " + dropped);
    }
  }

  private void bounds(String path, JsonNode old, JsonNode now) {
    LOWER_BOUNDS.forEach(b -> bound(path, b, old, now, (was, is) -> is > was));
    UPPER_BOUNDS.forEach(b -> bound(path, b, old, now, (was, is) -> is < was));
  }

  private void bound(String path, String bound, JsonNode old, JsonNode now, BiPredicate<Double, Double> tighter) {
    if (!now.has(bound)) {
      return;
    }
    if (!old.has(bound) || tighter.test(old.get(bound).asDouble(), now.get(bound).asDouble())) {
      add(path, bound + " " + text(old.get(bound)) + " became " + now.get(bound));
    }
  }

  private void celRules(String path, JsonNode old, JsonNode now) {
    Set<String> added = rules(now);
    added.removeAll(rules(old));
    added.forEach(rule -> add(path, "new validation rule: " + rule));
  }

  private static Set<String> rules(JsonNode schema) {
    Set<String> rules = new HashSet<>();
    schema.path("x-kubernetes-validations").forEach(v -> rules.add(v.path("rule").asText()));
    return rules;
  }

  private static boolean preservesUnknown(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  private static JsonNode version(JsonNode spec, String name) {
    for (JsonNode version : spec.path("versions")) {
      if (name.equals(version.path("name").asText())) {
        return version;
      }
    }
    return null;
  }

  private void same(String path, JsonNode old, JsonNode now) {
    if (!old.equals(now)) {
      add(path, text(old) + " became " + text(now));
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() ? "(none)" : node.toString();
  }

  private void add(String path, String problem) {
    findings.add(new Finding(path, problem));
  }
}
