package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Small JSON helpers the rules share. */
final class JsonNodes {

  private JsonNodes() {
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Equality as the API server's semantic comparison of decoded objects sees it: an absent field, a null and an
   * empty list or object are alike (Go decodes them all to the zero value); numbers compare by value.
   */
  static boolean semanticallyEqual(JsonNode a, JsonNode b) {
    if (isZero(a) || isZero(b)) {
      return isZero(a) && isZero(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new HashSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (!semanticallyEqual(a.path(name), b.path(name))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<JsonNode> left = a.elements();
      Iterator<JsonNode> right = b.elements();
      while (left.hasNext()) {
        if (!semanticallyEqual(left.next(), right.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isZero(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() && node.isEmpty()
        || node.isTextual() && node.asText().isEmpty();
  }
}
