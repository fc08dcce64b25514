package io.milvus.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where two JSON trees differ, as paths. Numbers compare by value: Helm's toYaml writes the generator's {@code 1.0}
 * as {@code 1}, which the API server reads the same.
 */
final class JsonTrees {

  private JsonTrees() {}

  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> found = new ArrayList<>();
    compare("", expected, actual, found);
    return found;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> found) {
    if (expected == null || actual == null) {
      found.add(path + (expected == null ? ": unexpected " : ": missing"));
    } else if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        found.add(path + ": " + expected + " != " + actual);
      }
    } else if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        compare(path + "/" + name, expected.get(name), actual.get(name), found);
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        found.add(path + ": " + expected.size() + " items != " + actual.size());
        return;
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        compare(path + "/" + i, e.next(), a.next(), found);
      }
    } else if (!expected.equals(actual)) {
      found.add(path + ": " + expected + " != " + actual);
    }
  }
}
