package io.milvus.operator.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure: the fields the operator sets on an object that differ on the live copy, as server-side apply's field
 * ownership would see them. Only what the desired form holds is compared: whatever the API server defaults, other
 * controllers add ({@code kubectl rollout restart}'s restartedAt annotation, an injected sidecar, a Service's
 * cluster IP) or the user owns (a replica count left to an autoscaler: absent from the desired form) never counts,
 * so a comparison against a real cluster settles instead of looping.
 */
public final class OwnedFields {

  private OwnedFields() {}

  /** The JSON paths of desired fields whose live value differs; empty when the live object holds the desired form. */
  public static List<String> differences(JsonNode desired, JsonNode live) {
    List<String> found = new ArrayList<>();
    compare(desired, live, "", found);
    return List.copyOf(found);
  }

  private static void compare(JsonNode desired, JsonNode live, String path, List<String> found) {
    if (isEmpty(desired)) {
      return; // nothing set: nothing owned
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      found.add(path.isEmpty() ? "." : path);
    } else if (desired.isObject()) {
      if (!live.isObject()) {
        found.add(path);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        compare(field.getValue(), live.get(field.getKey()), fieldPath, found);
      }
    } else if (desired.isArray()) {
      compareList(desired, live, path, found);
    } else if (!sameScalar(desired, live)) {
      found.add(path);
    }
  }

  /**
   * Lists of named objects (containers, env, ports, volumes) are matched by name, as Kubernetes merges them: an
   * element someone else added is theirs. Other lists are owned whole.
   */
  private static void compareList(JsonNode desired, JsonNode live, String path, List<String> found) {
    if (!live.isArray()) {
      found.add(path);
      return;
    }
    if (allNamed(desired)) {
      for (JsonNode element : desired) {
        String name = element.get("name").asText();
        Optional<JsonNode> match = named(live, name);
        if (match.isEmpty()) {
          found.add(path + "[" + name + "]");
        } else {
          compare(element, match.get(), path + "[" + name + "]", found);
        }
      }
      return;
    }
    if (desired.size() != live.size()) {
      found.add(path);
      return;
    }
    for (int i = 0; i < desired.size(); i++) {
      compare(desired.get(i), live.get(i), path + "[" + i + "]", found);
    }
  }

  private static boolean allNamed(JsonNode list) {
    for (JsonNode element : list) {
      if (!element.isObject() || !element.hasNonNull("name")) {
        return false;
      }
    }
    return true;
  }

  private static Optional<JsonNode> named(JsonNode list, String name) {
    for (JsonNode element : list) {
      if (element.isObject() && name.equals(element.path("name").asText(null))) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  /** Equal values, counting quantities the API server writes in canonical form ("1000m" is "1") as equal. */
  private static boolean sameScalar(JsonNode desired, JsonNode live) {
    if (desired.equals(live)) {
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    if (desired.isValueNode() && live.isValueNode()) {
      return sameQuantity(desired.asText(), live.asText());
    }
    return false;
  }

  private static boolean sameQuantity(String a, String b) {
    try {
      return Quantity.getAmountInBytes(new Quantity(a)).compareTo(Quantity.getAmountInBytes(new Quantity(b))) == 0;
    } catch (RuntimeException notQuantities) {
      return false;
    }
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty());
  }
}
