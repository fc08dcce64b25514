package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A list or an object as a {@code meta.k8s.io/v1 Table}, the answer to {@code Accept: ...;as=Table}. Pure. */
final class ServerSideTable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ServerSideTable() {
  }

  /**
   * @param body a list (with {@code items}) or a single object
   * @param includeObject the request's {@code includeObject}: None, Object, or Metadata (the default)
   */
  static ObjectNode of(JsonNode body, TablePrinter printer, String includeObject, Instant now) {
    List<JsonNode> items = new ArrayList<>();
    if (body.has("items")) {
      body.get("items").forEach(items::add);
    } else {
      items.add(body);
    }
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    String resourceVersion = body.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    for (TablePrinter.Column c : printer.columns()) {
      columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
          .put("description", c.description()).put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      printer.cells(item, now).forEach(cell -> cells.add(cell(cell)));
      JsonNode object = rowObject(item, includeObject == null ? "Metadata" : includeObject);
      if (object != null) {
        row.set("object", object);
      }
    }
    return table;
  }

  private static JsonNode cell(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Long || value instanceof Integer) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(value.toString());
  }

  private static JsonNode rowObject(JsonNode item, String includeObject) {
    switch (includeObject) {
      case "None":
        return null;
      case "Object":
        return item;
      default:
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", item.path("metadata").deepCopy());
        return partial;
    }
  }
}
