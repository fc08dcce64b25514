package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code involvedObject.name=my-release,type!=Normal}) matched against an object's JSON:
 * {@code kubectl describe} finds an object's Events with {@code involvedObject.*}. Pure.
 */
record FieldSelector(List<Requirement> requirements) {

  /** {@code field=value} or, with {@code equal} false, {@code field!=value}. */
  record Requirement(String field, String value, boolean equal) {
    boolean matches(JsonNode object) {
      JsonNode node = object;
      for (String part : field.split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      String actual = node == null || node.isNull() ? "" : node.asText();
      return equal == actual.equals(value);
    }
  }

  /** Parses the (decoded) value of a {@code fieldSelector} query parameter. */
  static FieldSelector parse(String decoded) {
    List<Requirement> requirements = new ArrayList<>();
    for (String term : decoded.split(",")) {
      String t = term.trim();
      if (t.isEmpty()) {
        continue;
      }
      int notEqual = t.indexOf("!=");
      if (notEqual > 0) {
        requirements.add(new Requirement(t.substring(0, notEqual).trim(), t.substring(notEqual + 2).trim(), false));
        continue;
      }
      int equal = t.indexOf('=');
      if (equal <= 0) {
        throw new IllegalArgumentException("invalid field selector term: " + t);
      }
      int valueStart = t.startsWith("==", equal) ? equal + 2 : equal + 1;
      requirements.add(new Requirement(t.substring(0, equal).trim(), t.substring(valueStart).trim(), true));
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  boolean matches(JsonNode object) {
    return requirements.stream().allMatch(r -> r.matches(object));
  }
}
