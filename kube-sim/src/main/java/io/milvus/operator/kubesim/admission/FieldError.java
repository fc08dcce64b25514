package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One validation error as the API server reports it: the field's path, the kind of error and its text. The text
 * follows the server's layout, {@code Invalid value: "My_Config": a lowercase RFC 1123 subdomain ...}, so a client
 * prints what it would print against a real cluster.
 */
public record FieldError(Type type, String field, String value, String detail) {

  /** The server's error types: the text that opens the message and the reason a Status cause carries. */
  public enum Type {
    NOT_FOUND("Not found", "FieldValueNotFound"),
    REQUIRED("Required value", "FieldValueRequired"),
    DUPLICATE("Duplicate value", "FieldValueDuplicate"),
    INVALID("Invalid value", "FieldValueInvalid"),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
    FORBIDDEN("Forbidden", "FieldValueForbidden"),
    TOO_LONG("Too long", "FieldValueTooLong"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    TYPE_INVALID("Invalid value", "FieldValueTypeInvalid");

    final String text;
    final String reason;

    Type(String text, String reason) {
      this.text = text;
      this.reason = reason;
    }
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, render(value), detail);
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, render(value), null);
  }

  public static FieldError notFound(String field, Object value) {
    return new FieldError(Type.NOT_FOUND, field, render(value), null);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError tooLong(String field, int max) {
    return new FieldError(Type.TOO_LONG, field, null, "may not be more than " + max + " bytes");
  }

  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(Type.TOO_MANY, field, String.valueOf(actual), "must have at most " + max + " items");
  }

  public static FieldError notSupported(String field, Object value, List<?> supported) {
    String values = supported.stream().map(FieldError::render).collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, render(value), "supported values: " + values);
  }

  /** A custom resource's value of the wrong JSON type; the server names the type it got. */
  public static FieldError typeInvalid(String field, String actualType, String detail) {
    return new FieldError(Type.TYPE_INVALID, field, render(actualType), detail);
  }

  /** The text after the field path, as in a Status cause's message. */
  public String body() {
    StringBuilder text = new StringBuilder(type.text);
    boolean withValue = value != null && type != Type.REQUIRED && type != Type.FORBIDDEN && type != Type.TOO_LONG;
    if (withValue) {
      text.append(": ").append(value);
    }
    if (detail != null && !detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  /** A value as Go's {@code %#v} shows the common cases: strings quoted, numbers and booleans bare. */
  static String render(Object value) {
    if (value instanceof JsonNode node) {
      if (node.isTextual()) {
        return quote(node.asText());
      }
      if (node.isValueNode()) {
        return node.asText();
      }
      return node.toString();
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ":" + quote(String.valueOf(e.getValue())))
          .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }
    return String.valueOf(value);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
