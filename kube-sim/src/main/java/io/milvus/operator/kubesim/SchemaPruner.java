package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the fields a custom resource's structural schema does not declare, as the API server prunes them before it
 * stores the object (the mock stores anything): {@code x-kubernetes-preserve-unknown-fields} keeps unknown fields,
 * {@code additionalProperties} describes a map's values, {@code x-kubernetes-embedded-resource} keeps apiVersion,
 * kind and metadata. Top-level apiVersion, kind and metadata are never pruned. Pure.
 */
final class SchemaPruner {

  private static final Set<String> ALWAYS_KEPT = Set.of("apiVersion", "kind", "metadata");

  private SchemaPruner() {
  }

  /**
   * Removes the undeclared fields of {@code object} in place.
   *
   * @return the removed fields' paths ({@code spec.components.foo}), as the API server names them in warnings
   */
  static List<String> prune(ObjectNode object, JsonNode schema) {
    List<String> removed = new ArrayList<>();
    if (schema == null || schema.isMissingNode()) {
      return removed;
    }
    pruneObject(object, schema, "", true, removed);
    return removed;
  }

  private static void prune(JsonNode value, JsonNode schema, String path, List<String> removed) {
    if (value == null || schema == null || schema.isMissingNode()) {
      return;
    }
    if (value.isObject()) {
      pruneObject((ObjectNode) value, schema, path, schema.path("x-kubernetes-embedded-resource").asBoolean(false),
          removed);
    } else if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode element : value) {
        prune(element, schema.get("items"), path + "[" + i++ + "]", removed);
      }
    }
  }

  private static void pruneObject(ObjectNode object, JsonNode schema, String path, boolean keepTypeMeta,
      List<String> removed) {
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    List<String> drop = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (keepTypeMeta && ALWAYS_KEPT.contains(name)) {
        continue;
      }
      if (properties.has(name)) {
        prune(field.getValue(), properties.get(name), fieldPath, removed);
      } else if (additional.isObject()) {
        prune(field.getValue(), additional, fieldPath, removed);
      } else if (!preserve && !additional.asBoolean(false)) {
        drop.add(name);
        removed.add(fieldPath);
      }
    }
    drop.forEach(object::remove);
  }
}
