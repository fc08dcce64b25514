package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pure: the fields of a resource, as stored, whose JSON type is not the one the model reads (a word in
 * {@code replicas}, a string where {@code config} is an object). The CRD schema refuses them, but a looser CRD (an
 * older one, another operator's) lets them through; they are reported on the resource instead of breaking the read.
 *
 * <p>The accepted shapes are Jackson's default coercions: any scalar for a string, a numeric string for a number,
 * "true"/"false" for a boolean, a number or a string for a quantity or int-or-string.
 */
public final class MistypedFields {

  /** Read-only use: introspecting the model's properties. */
  private static final ObjectMapper JSON = Serialization.PLAIN;
  private static final ModelProperties PROPERTIES = ModelProperties.read(JSON);

  private MistypedFields() {}

  /** The mistyped fields of {@code node}, read as {@code type}, each named by its JSON path under {@code path}. */
  public static List<ValidationProblem> of(Class<?> type, JsonNode node, String path) {
    List<ValidationProblem> problems = new ArrayList<>();
    check(JSON.constructType(type), node, path, problems);
    return List.copyOf(problems);
  }

  private static void check(JavaType type, JsonNode node, String path, List<ValidationProblem> problems) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    Expected expected = Expected.of(type);
    if (!expected.accepts(node)) {
      problems.add(new ValidationProblem(path, "expected " + expected.description + ", got " + describe(node)));
      return;
    }
    switch (expected) {
      case LIST -> {
        for (int i = 0; i < node.size(); i++) {
          check(type.getContentType(), node.get(i), path + "[" + i + "]", problems);
        }
      }
      case MAP -> node.fields().forEachRemaining(
          e -> check(type.getContentType(), e.getValue(), path + "[" + e.getKey() + "]", problems));
      case OBJECT -> {
        Map<String, JavaType> properties = PROPERTIES.of(type);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JavaType propertyType = properties.get(field.getKey());
          if (propertyType != null) { // unknown fields are kept as they are (see IgnoredFields)
            check(propertyType, field.getValue(), path + "." + field.getKey(), problems);
          }
        }
      }
      default -> { }
    }
  }

  /** The JSON shapes a model type reads. */
  private enum Expected {
    ANY("any value"),
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    SCALAR("a number or a string"),
    LIST("a list"),
    MAP("an object (a map of keys to values)"),
    OBJECT("an object");

    final String description;

    Expected(String description) {
      this.description = description;
    }

    static Expected of(JavaType type) {
      Class<?> raw = type.getRawClass();
      if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
        return ANY;
      }
      if (raw == String.class || raw.isEnum()) {
        return STRING;
      }
      if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
          || raw == Short.class || raw == short.class) {
        return INTEGER;
      }
      if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
        return NUMBER;
      }
      if (raw == Boolean.class || raw == boolean.class) {
        return BOOLEAN;
      }
      if (raw == Quantity.class || raw == IntOrString.class) {
        return SCALAR;
      }
      if (type.isMapLikeType()) {
        return MAP;
      }
      if (type.isContainerType()) {
        return LIST;
      }
      return OBJECT;
    }

    boolean accepts(JsonNode node) {
      return switch (this) {
        case ANY -> true;
        case STRING, SCALAR -> node.isValueNode();
        case INTEGER -> node.isIntegralNumber() || (node.isTextual() && node.asText().trim().matches("-?\\d+"));
        case NUMBER -> node.isNumber() || (node.isTextual() && node.asText().trim().matches("-?\\d+(\\.\\d+)?"));
        case BOOLEAN -> node.isBoolean() || (node.isTextual() && node.asText().matches("true|false"));
        case LIST -> node.isArray();
        case MAP, OBJECT -> node.isObject();
      };
    }
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string \"" + abbreviated(node.asText()) + "\"";
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return node.isArray() ? "a list" : "an object";
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
