package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CustomResourceDefinition as the API server checks it when installed: each version's schema is structural
 * (every field has a type, unless it is int-or-string or keeps unknown fields), each CEL rule compiles, and the
 * rules' estimated cost stays in the budget (apiextensions {@code validation.go}): at most 10,000,000 per rule,
 * times the number of times the rule's node can occur (the product of the enclosing lists' {@code maxItems} and
 * maps' {@code maxProperties}, or, where one is unbounded, as many as a 3 MiB request can hold), and at most
 * 100,000,000 for all of a version's rules. On an update, a version whose schema is unchanged keeps its rules
 * however expensive (the per-rule limit is not applied again), as the API server does. Every {@code default} is
 * valid under its own schema.
 */
final class CrdChecks {

  private final CelRules cel;
  private final SchemaValidator schemas;

  CrdChecks(CelRules cel, SchemaValidator schemas) {
    this.cel = cel;
    this.schemas = schemas;
  }

  static final long RULE_COST_LIMIT = 10_000_000L;
  static final long CRD_COST_LIMIT = 100_000_000L;

  /** A rule's estimated cost and where it is, for the budget of all of one schema's rules. */
  private record RuleCost(String path, long cost) {
  }

  /** What one version's schema walk carries: the rules' costs and whether the per-rule limit applies. */
  private static final class Budget {
    final List<RuleCost> costs = new ArrayList<>();
    final boolean perRuleLimit;
    long total;

    Budget(boolean perRuleLimit) {
      this.perRuleLimit = perRuleLimit;
    }

    void observe(String path, long cost) {
      total = CelCost.add(total, cost);
      costs.add(new RuleCost(path, cost));
    }
  }

  List<FieldError> validate(JsonNode crd, JsonNode old) {
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
        Budget budget = new Budget(!unchanged(old, versions.get(i)));
        schema(schema, path, errors, true, 1L, budget);
        if (budget.total > CRD_COST_LIMIT) {
          budget.costs.stream().filter(c -> c.cost() >= CRD_COST_LIMIT / 100)
              .sorted((a, b) -> Long.compare(b.cost(), a.cost())).limit(4)
              .forEach(c -> errors.add(FieldError.forbidden(c.path(),
                  "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema")));
          errors.add(FieldError.forbidden(path, costMessage(
              "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema", budget.total,
              CRD_COST_LIMIT)));
        }
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

  /** Whether the stored CRD has this version with the same schema (its rules were accepted already). */
  private static boolean unchanged(JsonNode old, JsonNode version) {
    if (old == null) {
      return false;
    }
    for (JsonNode was : old.path("spec").path("versions")) {
      if (was.path("name").equals(version.path("name"))) {
        return was.path("schema").equals(version.path("schema"));
      }
    }
    return false;
  }

  /** The API server's wording, e.g. {@code estimated rule cost exceeds budget by factor of 2.5x (try ...)}. */
  static String costMessage(String what, long cost, long limit) {
    double factor = (double) cost / limit;
    String shown = factor > 100.0 ? "more than 100x"
        : factor < 1.5 ? String.format(java.util.Locale.ROOT, "%fx", factor)
        : String.format(java.util.Locale.ROOT, "%.1fx", factor);
    return what + " exceeds budget by factor of " + shown + " (try simplifying the rule, or adding maxItems, "
        + "maxProperties, and maxLength where arrays, maps, and strings are declared)";
  }

  /**
   * How many times data under {@code parent} can occur per occurrence of it: maxItems of a list, maxProperties of
   * a map, 1 for an object's fields; null when unbounded.
   */
  private static Long childFactor(JsonNode parent) {
    String type = parent.path("type").asText("");
    if ("array".equals(type)) {
      return parent.has("maxItems") ? Math.max(0, parent.get("maxItems").asLong()) : null;
    }
    if ("object".equals(type) && parent.path("additionalProperties").isObject()) {
      return parent.has("maxProperties") ? Math.max(0, parent.get("maxProperties").asLong()) : null;
    }
    return 1L;
  }

  private void schema(JsonNode node, String path, List<FieldError> errors, boolean root, Long cardinality,
      Budget budget) {
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (node.path("type").asText("").isEmpty() && !intOrString && !preserve) {
      errors.add(FieldError.required(path + ".type", "must not be empty for specified fields"));
    }
    if (node.has("default") && !node.get("default").isNull()) {
      // a default must itself be valid (apiextensions schema/defaulting/validation.go), rules included
      errors.addAll(schemas.validateValue(node, node.get("default"), path + ".default"));
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
      CelCost.Type self = CelCost.typeOf(node, root || node.path("x-kubernetes-embedded-resource").asBoolean());
      if (compiled.error() != null) {
        errors.add(FieldError.invalid(at + ".rule", rule, "compilation failed: " + compiled.error()));
      } else if (self != null) {
        long perCall = CelCost.estimate(compiled.expr(), self);
        long times = cardinality != null ? cardinality
            : CelCost.MAX_REQUEST_SIZE_BYTES / (self.minSerializedSize() + 1);
        long cost = CelCost.multiply(perCall, times);
        if (budget.perRuleLimit && cost > RULE_COST_LIMIT) {
          errors.add(FieldError.forbidden(at + ".rule", costMessage("estimated rule cost", cost, RULE_COST_LIMIT)));
        }
        budget.observe(at + ".rule", cost);
      }
      JsonNode messageExpression = rules.get(i).get("messageExpression");
      CelRules.Compiled message = messageExpression == null ? null : cel.compile(messageExpression.asText());
      if (message != null && message.error() != null) {
        errors.add(FieldError.invalid(at + ".messageExpression", messageExpression.asText(),
            "messageExpression compilation failed: " + message.error()));
      } else if (message != null && self != null) {
        long cost = CelCost.estimate(message.expr(), self);
        if (budget.perRuleLimit && cost > RULE_COST_LIMIT) {
          errors.add(FieldError.forbidden(at + ".messageExpression",
              costMessage("estimated messageExpression cost", cost, RULE_COST_LIMIT)));
        }
        budget.observe(at + ".messageExpression", cost);
      }
    }
    Long factor = childFactor(node);
    Long childCardinality = cardinality == null || factor == null ? null : CelCost.multiply(cardinality, factor);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      schema(property.getValue(), path + ".properties[" + property.getKey() + "]", errors, false, childCardinality,
          budget);
    }
    if (node.path("items").isObject()) {
      schema(node.get("items"), path + ".items", errors, false, childCardinality, budget);
    }
    if (node.path("additionalProperties").isObject()) {
      schema(node.get("additionalProperties"), path + ".additionalProperties", errors, false, childCardinality, budget);
    }
  }
}
