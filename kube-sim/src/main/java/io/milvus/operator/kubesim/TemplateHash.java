package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A short, stable hash of a pod template, used as {@code pod-template-hash} and as a StatefulSet revision.
 * Two templates that serialize to the same JSON (key order aside) hash the same.
 */
final class TemplateHash {

  private static final ObjectMapper MAPPER = Serialization.PLAIN;

  private TemplateHash() {
  }

  static String of(PodTemplateSpec template) {
    JsonNode canonical = sortedKeys(MAPPER.valueToTree(template));
    byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
    return encode(fnv1a32(bytes));
  }

  private static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(String::compareTo);
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        JsonNode child = node.get(name);
        if (!child.isNull()) {
          sorted.set(name, sortedKeys(child));
        }
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(sortedKeys(it.next()));
      }
      return array;
    }
    return node;
  }

  private static int fnv1a32(byte[] bytes) {
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash;
  }

  /** Each decimal digit of the unsigned hash mapped into the safe alphabet, as Kubernetes does. */
  private static String encode(int hash) {
    String digits = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder s = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      s.append(GeneratedNames.ALPHABET.charAt((c - '0') * 2 % GeneratedNames.ALPHABET.length()));
    }
    return s.toString();
  }
}
