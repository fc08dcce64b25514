package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A custom resource checked against its CRD's structural schema and CEL rules, with the server's messages
 * ({@code spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"}).
 *
 * <p>Ratcheting, as in Kubernetes 1.31: a value equal to the one stored at the same place (object properties and map
 * values by key, list-type map items by their keys) is not checked again, so an update that leaves an invalid
 * field alone is not refused for it; transition rules ({@code oldSelf}) run only where an old value exists.
 */
final class SchemaValidator {

  /**
   * The API server's budget for all of one object's rules (apiserver {@code pkg/apis/cel/config.go}
   * RuntimeCELCostBudget); each rule also stops at {@link CelRules#PER_CALL_LIMIT}.
   */
  static final long RUNTIME_BUDGET = 10_000_000L;

  /** One validation: its errors, and what is left of the rules' cost budget (once spent, no rule runs). */
  private static final class Run {
    final List<FieldError> errors = new ArrayList<>();
    long remaining = RUNTIME_BUDGET;
    boolean stopped;
  }

  private final CelRules cel;
  private final Map<String, Pattern> patterns = new HashMap<>();

  SchemaValidator(CelRules cel) {
    this.cel = cel;
  }

  /** Errors of the object's fields other than apiVersion, kind and metadata (validated as object metadata). */
  List<FieldError> validateObject(JsonNode schema, JsonNode object, JsonNode old) {
    Run run = new Run();
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (Set.of("apiVersion", "kind", "metadata").contains(name) || !properties.has(name)) {
        continue;
      }
      validate(properties.get(name), field.getValue(), old == null ? null : old.get(name), name, run);
    }
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        run.errors.add(FieldError.required(required.asText(), null));
      }
    }
    runRules(schema, object, old, "", run);
    return run.errors;
  }

  /** Errors of one value under its schema, reported at {@code path} (a CRD's {@code default}, checked at install). */
  List<FieldError> validateValue(JsonNode schema, JsonNode value, String path) {
    Run run = new Run();
    validate(schema, value, null, path, run);
    return run.errors;
  }

  private void validate(JsonNode schema, JsonNode value, JsonNode old, String path, Run run) {
    if (old != null && value.equals(old)) {
      return; // ratcheting: unchanged values are not validated again
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        run.errors.add(typeError(schema, value, path));
      }
      return;
    }
    if (!typeMatches(schema, value)) {
      run.errors.add(typeError(schema, value, path));
      return;
    }
    checkValue(schema, value, path, run);
    if (value.isObject()) {
      validateProperties(schema, value, old, path, run);
    } else if (value.isArray()) {
      validateItems(schema, value, old, path, run);
    }
    runRules(schema, value, old, path, run);
  }

  private void validateProperties(JsonNode schema, JsonNode value, JsonNode old, String path, Run run) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode oldValue = old == null || !old.isObject() ? null : old.get(key);
      if (properties.has(key)) {
        validate(properties.get(key), field.getValue(), oldValue, join(path, key), run);
      } else if (additional != null && additional.isObject()) {
        validate(additional, field.getValue(), oldValue, path + "[" + key + "]", run);
      }
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        run.errors.add(FieldError.required(join(path, required.asText()), null));
      }
    }
    int size = value.size();
    if (schema.has("maxProperties") && size > schema.get("maxProperties").asInt()) {
      run.errors.add(FieldError.tooMany(path, size, schema.get("maxProperties").asInt()));
    }
    if (schema.has("minProperties") && size < schema.get("minProperties").asInt()) {
      run.errors.add(FieldError.invalid(path, size,
          path + " in body should have at least " + schema.get("minProperties").asInt() + " properties"));
    }
  }

  private void validateItems(JsonNode schema, JsonNode value, JsonNode old, String path, Run run) {
    JsonNode items = schema.get("items");
    List<String> mapKeys = new ArrayList<>();
    schema.path("x-kubernetes-list-map-keys").forEach(k -> mapKeys.add(k.asText()));
    boolean mapList = "map".equals(schema.path("x-kubernetes-list-type").asText()) && !mapKeys.isEmpty();
    boolean setList = "set".equals(schema.path("x-kubernetes-list-type").asText());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = path + "[" + i + "]";
      if (mapList || setList) {
        String identity = mapList ? keysOf(item, mapKeys) : item.toString();
        if (!seen.add(identity)) {
          run.errors.add(FieldError.duplicate(itemPath, mapList ? identity : item));
        }
      }
      if (items != null && items.isObject()) {
        JsonNode oldItem = mapList && old != null ? findByKeys(old, mapKeys, item) : null;
        validate(items, item, oldItem, itemPath, run);
      }
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      run.errors.add(FieldError.tooMany(path, value.size(), schema.get("maxItems").asInt()));
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      run.errors.add(FieldError.invalid(path, value.size(),
          path + " in body should have at least " + schema.get("minItems").asInt() + " items"));
    }
  }

  /** enum, pattern, lengths and bounds of a scalar. */
  private void checkValue(JsonNode schema, JsonNode value, String path, Run run) {
    JsonNode enumeration = schema.get("enum");
    if (enumeration != null && enumeration.isArray() && !contains(enumeration, value)) {
      List<Object> supported = new ArrayList<>();
      enumeration.forEach(supported::add);
      run.errors.add(FieldError.notSupported(path, value, supported));
    }
    if (value.isTextual()) {
      String text = value.asText();
      if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
        run.errors.add(FieldError.tooLong(path, schema.get("maxLength").asInt()));
      }
      if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
        run.errors.add(FieldError.invalid(path, value,
            path + " in body should be at least " + schema.get("minLength").asInt() + " chars long"));
      }
      if (schema.has("pattern") && !matches(schema.get("pattern").asText(), text)) {
        run.errors.add(FieldError.invalid(path, value, path + " in body should match '" + schema.get("pattern").asText() + "'"));
      }
      String format = schema.path("format").asText("");
      if (!format.isEmpty() && !Formats.valid(format, text)) {
        run.errors.add(FieldError.typeInvalid(path, text, path + " in body must be of type " + format + ": \"" + text + "\""));
      }
    }
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue();
      if (schema.has("minimum")) {
        BigDecimal minimum = schema.get("minimum").decimalValue();
        boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
        if (exclusive ? number.compareTo(minimum) <= 0 : number.compareTo(minimum) < 0) {
          run.errors.add(FieldError.invalid(path, value, path + " in body should be greater than "
              + (exclusive ? "" : "or equal to ") + schema.get("minimum").asText()));
        }
      }
      if (schema.has("maximum")) {
        BigDecimal maximum = schema.get("maximum").decimalValue();
        boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
        if (exclusive ? number.compareTo(maximum) >= 0 : number.compareTo(maximum) > 0) {
          run.errors.add(FieldError.invalid(path, value, path + " in body should be less than "
              + (exclusive ? "" : "or equal to ") + schema.get("maximum").asText()));
        }
      }
    }
  }

  /**
   * The node's x-kubernetes-validations rules; transition rules only where there is an old value. A rule past its
   * per-call limit, or past what is left of the object's budget, stops all further rules with the server's error
   * (apiextensions {@code pkg/apiserver/schema/cel/validation.go}).
   */
  private void runRules(JsonNode schema, JsonNode value, JsonNode old, String path, Run run) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (run.stopped) {
        return;
      }
      CelRules.Compiled compiled = cel.compile(rule.path("rule").asText());
      if (compiled.program() == null || compiled.usesOldSelf() && old == null) {
        continue; // a rule that does not compile was refused with its CRD
      }
      CelRules.Evaluation evaluation = cel.evaluate(compiled, value, compiled.usesOldSelf() ? old : null,
          Math.min(CelRules.PER_CALL_LIMIT, run.remaining));
      if (evaluation.overLimit()) {
        run.stopped = true;
        String text = run.remaining < CelRules.PER_CALL_LIMIT && evaluation.cost() > run.remaining
            ? "validation failed due to running out of cost budget, no further validation rules will be run"
            : "'" + evaluation.result() + "': no further validation rules will be run due to call cost exceeds limit "
                + "for rule: " + rule.path("rule").asText();
        run.errors.add(FieldError.invalid(path, typeName(value), text));
        return;
      }
      run.remaining -= evaluation.cost();
      Object result = evaluation.result();
      if (Boolean.TRUE.equals(result)) {
        continue;
      }
      String field = path + relative(rule.path("fieldPath").asText(""));
      field = field.startsWith(".") ? field.substring(1) : field;
      String message = result instanceof String error ? error : messageOf(rule, value, old);
      String reason = rule.path("reason").asText("FieldValueInvalid");
      run.errors.add(switch (reason) {
        case "FieldValueForbidden" -> FieldError.forbidden(field, message);
        case "FieldValueRequired" -> FieldError.required(field, message);
        case "FieldValueDuplicate" -> new FieldError(FieldError.Type.DUPLICATE, field, FieldError.render(typeName(value)), message);
        default -> FieldError.invalid(field, typeName(value), message);
      });
    }
  }

  private String messageOf(JsonNode rule, JsonNode value, JsonNode old) {
    if (rule.hasNonNull("messageExpression")) {
      CelRules.Compiled expression = cel.compile(rule.get("messageExpression").asText());
      if (expression.program() != null) {
        Object message = cel.evaluate(expression, value, old);
        if (message instanceof String text && !text.isBlank()) {
          return text;
        }
      }
    }
    if (rule.hasNonNull("message")) {
      return rule.get("message").asText();
    }
    return "failed rule: " + rule.path("rule").asText();
  }

  private static FieldError typeError(JsonNode schema, JsonNode value, String path) {
    String expected = schema.path("x-kubernetes-int-or-string").asBoolean(false) ? "integer,string"
        : schema.path("type").asText();
    return FieldError.typeInvalid(path, typeName(value),
        path + " in body must be of type " + expected + ": \"" + typeName(value) + "\"");
  }

  static boolean typeMatches(JsonNode schema, JsonNode value) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isIntegralNumber() || value.isTextual();
    }
    return switch (schema.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber()
          || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true; // no type: preserve-unknown-fields
    };
  }

  static String typeName(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private boolean matches(String pattern, String text) {
    Pattern compiled;
    synchronized (patterns) {
      compiled = patterns.computeIfAbsent(pattern, p -> {
        try {
          return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
          return null;
        }
      });
    }
    return compiled == null || compiled.matcher(text).find();
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value) || candidate.isNumber() && value.isNumber()
          && candidate.decimalValue().compareTo(value.decimalValue()) == 0) {
        return true;
      }
    }
    return false;
  }

  private static String keysOf(JsonNode item, List<String> keys) {
    StringBuilder identity = new StringBuilder();
    for (String key : keys) {
      identity.append(key).append('=').append(item.path(key).toString()).append(';');
    }
    return identity.toString();
  }

  private static JsonNode findByKeys(JsonNode oldList, List<String> keys, JsonNode item) {
    if (!oldList.isArray()) {
      return null;
    }
    String identity = keysOf(item, keys);
    for (JsonNode candidate : oldList) {
      if (keysOf(candidate, keys).equals(identity)) {
        return candidate;
      }
    }
    return null;
  }

  private static String relative(String fieldPath) {
    return fieldPath.isEmpty() ? "" : fieldPath.startsWith(".") || fieldPath.startsWith("[") ? fieldPath : "." + fieldPath;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
