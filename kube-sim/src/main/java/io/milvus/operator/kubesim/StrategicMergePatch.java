package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) for the built-in kinds, as far as kubectl
 * uses it ({@code apply}, {@code set image}, {@code label}, {@code annotate}): like a JSON merge patch, except that
 * the lists Kubernetes declares with a merge key (containers, env, ports, volumes, conditions...) merge element by
 * element, {@code finalizers} merge as a set, and the directives {@code $patch}, {@code $retainKeys},
 * {@code $deleteFromPrimitiveList/...} and {@code $setElementOrder/...} are honoured or dropped. The merge key is
 * chosen by the list's field name, not by the kind's schema, which is exact for the fields kubectl patches. Pure.
 */
final class StrategicMergePatch {

  /** List field name -> merge key candidates, first present wins (ports: containerPort in pods, port in services). */
  private static final Map<String, List<String>> MERGE_KEYS = Map.ofEntries(
      Map.entry("containers", List.of("name")), Map.entry("initContainers", List.of("name")),
      Map.entry("ephemeralContainers", List.of("name")), Map.entry("env", List.of("name")),
      Map.entry("volumes", List.of("name")), Map.entry("imagePullSecrets", List.of("name")),
      Map.entry("ports", List.of("containerPort", "port")), Map.entry("volumeMounts", List.of("mountPath")),
      Map.entry("volumeDevices", List.of("devicePath")), Map.entry("conditions", List.of("type")),
      Map.entry("hostAliases", List.of("ip")), Map.entry("ownerReferences", List.of("uid")),
      Map.entry("topologySpreadConstraints", List.of("topologyKey")),
      Map.entry("resourceClaims", List.of("name")), Map.entry("schedulingGates", List.of("name")));

  /** Primitive lists whose patch strategy is merge: the patch's values are added to the existing ones. */
  private static final Set<String> SET_LISTS = Set.of("finalizers");

  private static final String DIRECTIVE = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM = "$deleteFromPrimitiveList/";
  private static final String ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatch() {
  }

  /** The result of applying {@code patch} to {@code target}; neither argument is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? null : patch.deepCopy();
    }
    String directive = patch.path(DIRECTIVE).asText("");
    if (directive.equals("replace")) {
      ObjectNode replacement = ((ObjectNode) patch).deepCopy();
      replacement.remove(DIRECTIVE);
      return replacement;
    }
    if (directive.equals("delete")) {
      return null;
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals(DIRECTIVE) || key.startsWith(ELEMENT_ORDER) || key.equals(RETAIN_KEYS)) {
        continue;
      }
      if (key.startsWith(DELETE_FROM)) {
        String list = key.substring(DELETE_FROM.length());
        result.set(list, withoutValues(result.get(list), value));
      } else if (value.isNull()) {
        result.remove(key);
      } else if (value.isArray()) {
        result.set(key, mergeList(key, result.get(key), (ArrayNode) value));
      } else {
        JsonNode merged = apply(result.get(key), value);
        if (merged == null) {
          result.remove(key);
        } else {
          result.set(key, merged);
        }
      }
    }
    if (patch.has(RETAIN_KEYS) && patch.get(RETAIN_KEYS).isArray()) {
      Set<String> keep = new HashSet<>();
      patch.get(RETAIN_KEYS).forEach(k -> keep.add(k.asText()));
      List<String> names = new ArrayList<>();
      result.fieldNames().forEachRemaining(names::add);
      names.stream().filter(k -> !keep.contains(k)).forEach(result::remove);
    }
    return result;
  }

  private static JsonNode mergeList(String field, JsonNode current, ArrayNode patch) {
    if (SET_LISTS.contains(field) && current != null && current.isArray()) {
      ArrayNode union = ((ArrayNode) current).deepCopy();
      patch.forEach(v -> {
        if (!contains(union, v)) {
          union.add(v.deepCopy());
        }
      });
      return union;
    }
    String mergeKey = mergeKey(field, patch, current);
    if (mergeKey == null || current == null || !current.isArray()) {
      return withoutDirectives(patch);
    }
    ArrayNode result = ((ArrayNode) current).deepCopy();
    for (JsonNode element : patch) {
      JsonNode key = element.get(mergeKey);
      int index = indexOf(result, mergeKey, key);
      boolean delete = element.path(DIRECTIVE).asText("").equals("delete");
      if (delete) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, apply(result.get(index), element));
      } else {
        result.add(apply(null, element));
      }
    }
    return result;
  }

  private static String mergeKey(String field, ArrayNode patch, JsonNode current) {
    List<String> candidates = MERGE_KEYS.get(field);
    if (candidates == null || patch.isEmpty()) {
      return null;
    }
    for (String candidate : candidates) {
      boolean allHave = true;
      for (JsonNode element : patch) {
        allHave &= element.isObject() && element.has(candidate);
      }
      if (allHave) {
        return candidate;
      }
    }
    return null;
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      if (key != null && key.equals(list.get(i).get(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode element : list) {
      if (element.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode withoutValues(JsonNode current, JsonNode remove) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    if (current != null && current.isArray()) {
      current.forEach(v -> {
        if (!remove.isArray() || !contains((ArrayNode) remove, v)) {
          result.add(v.deepCopy());
        }
      });
    }
    return result;
  }

  private static ArrayNode withoutDirectives(ArrayNode patch) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode element : patch) {
      if (element.isObject()) {
        if (!element.path(DIRECTIVE).asText("").equals("delete")) {
          result.add(apply(null, element));
        }
      } else {
        result.add(element.deepCopy());
      }
    }
    return result;
  }
}
