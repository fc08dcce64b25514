package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Whether labels match a LabelSelector (matchLabels and matchExpressions). */
final class LabelSelectors {

  private LabelSelectors() {
  }

  static boolean matches(JsonNode selector, JsonNode labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> wanted = it.next();
      if (!wanted.getValue().asText().equals(labels.path(wanted.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean has = labels.has(key);
      String value = labels.path(key).asText();
      boolean ok = switch (expression.path("operator").asText()) {
        case "In" -> has && values.contains(value);
        case "NotIn" -> !has || !values.contains(value);
        case "Exists" -> has;
        case "DoesNotExist" -> !has;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
