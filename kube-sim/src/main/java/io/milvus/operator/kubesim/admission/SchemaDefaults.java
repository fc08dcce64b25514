package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource's structural defaulting, as the apiextensions API server does it when it decodes a body and
 * when it reads a stored object ({@code pkg/apiserver/schema/defaulting}): a null where the schema is not nullable
 * is dropped unless the schema has a default; then every declared property that is absent (or such a null) gets a
 * copy of its {@code default}, map values and list items included, recursively. Pure: changes the object in place.
 */
final class SchemaDefaults {

  private SchemaDefaults() {
  }

  /** Prunes non-nullable nulls without a default, then fills in defaults, under {@code schema} (the root schema). */
  static void apply(JsonNode schema, ObjectNode object) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    pruneNulls(object, schema);
    fill(object, schema);
  }

  /** Whether the schema declares any default, so that reading stored objects can skip the walk when it does not. */
  static boolean hasDefaults(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return false;
    }
    if (schema.has("default")) {
      return true;
    }
    for (JsonNode property : schema.path("properties")) {
      if (hasDefaults(property)) {
        return true;
      }
    }
    return hasDefaults(schema.get("items")) || hasDefaults(schema.get("additionalProperties"));
  }

  private static void pruneNulls(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode object) {
      List<String> dropped = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode fieldSchema = schemaOfField(field.getKey(), schema);
        if (field.getValue().isNull() && fieldSchema != null && !nullable(fieldSchema) && !fieldSchema.has("default")) {
          dropped.add(field.getKey());
        } else {
          pruneNulls(field.getValue(), fieldSchema);
        }
      }
      object.remove(dropped);
    } else if (value instanceof ArrayNode array) {
      JsonNode items = schema == null ? null : schema.get("items");
      array.forEach(item -> pruneNulls(item, items));
    }
  }

  private static void fill(JsonNode value, JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        JsonNode fallback = property.getValue().get("default");
        JsonNode present = object.get(property.getKey());
        if (fallback != null && (present == null || present.isNull() && !nullable(property.getValue()))) {
          object.set(property.getKey(), fallback.deepCopy());
        }
      }
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (properties.has(field.getKey())) {
          fill(field.getValue(), properties.get(field.getKey()));
        } else if (additional != null && additional.isObject()) {
          if (field.getValue().isNull() && !nullable(additional) && additional.has("default")) {
            field.setValue(additional.get("default").deepCopy());
          }
          fill(field.getValue(), additional);
        }
      }
    } else if (value instanceof ArrayNode array) {
      JsonNode items = schema.get("items");
      if (items == null || !items.isObject()) {
        return;
      }
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isNull() && !nullable(items) && items.has("default")) {
          array.set(i, items.get("default").deepCopy());
        }
        fill(array.get(i), items);
      }
    }
  }

  private static JsonNode schemaOfField(String field, JsonNode schema) {
    if (schema == null) {
      return null;
    }
    JsonNode property = schema.path("properties").get(field);
    if (property != null) {
      return property;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  private static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }
}
