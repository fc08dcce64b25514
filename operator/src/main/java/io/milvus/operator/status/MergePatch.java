package io.milvus.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Pure: the JSON merge patch (RFC 7386) that turns one document into another. Unlike a JSON patch it names no
 * operation that needs the field to exist on the server's copy, so a status written from a slightly stale cache is
 * still accepted (a JSON patch {@code replace} of a field the live object lacks is a 422).
 */
public final class MergePatch {

  private MergePatch() {}

  /** Fields of {@code from} missing in {@code to} become null (removed); lists are replaced whole, as RFC 7386 says. */
  public static ObjectNode diff(JsonNode from, JsonNode to) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    if (from != null && from.isObject()) {
      for (Iterator<String> names = from.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!to.has(name) || to.get(name).isNull()) {
          patch.putNull(name);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = to.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode old = from == null ? null : from.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull() || value.equals(old)) {
        continue;
      }
      patch.set(field.getKey(), value.isObject() && old != null && old.isObject() ? diff(old, value) : value);
    }
    return patch;
  }
}
