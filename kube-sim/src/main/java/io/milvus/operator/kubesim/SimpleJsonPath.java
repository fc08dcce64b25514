package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset CRD printer columns use: {@code .a.b}, {@code .a[0]}, {@code .a[*].b} and filters
 * {@code .a[?(@.type=="Ready")].status} (also {@code !=}, single quotes, nested {@code @.x.y}). Pure.
 */
final class SimpleJsonPath {

  private final List<Step> steps;

  private sealed interface Step permits Field, Index, All, Filter {
  }

  private record Field(String name) implements Step {
  }

  private record Index(int index) implements Step {
  }

  private record All() implements Step {
  }

  private record Filter(List<String> path, String value, boolean equal) implements Step {
  }

  private SimpleJsonPath(List<Step> steps) {
    this.steps = steps;
  }

  static SimpleJsonPath compile(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).trim();
    }
    if (path.startsWith("$")) {
      path = path.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end > i + 1) {
          steps.add(new Field(path.substring(i + 1, end)));
        }
        i = end;
      } else if (c == '[') {
        int end = closingBracket(path, i);
        steps.add(bracket(path.substring(i + 1, end).trim()));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath " + expression);
      }
    }
    return new SimpleJsonPath(List.copyOf(steps));
  }

  private static int closingBracket(String path, int open) {
    int depth = 0;
    for (int i = open; i < path.length(); i++) {
      if (path.charAt(i) == '[') {
        depth++;
      } else if (path.charAt(i) == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced [ in JSONPath " + path);
  }

  private static Step bracket(String inside) {
    if (inside.equals("*")) {
      return new All();
    }
    if (inside.startsWith("?(") && inside.endsWith(")")) {
      String condition = inside.substring(2, inside.length() - 1).trim();
      boolean equal = !condition.contains("!=");
      String[] sides = condition.split(equal ? "==" : "!=", 2);
      if (sides.length != 2 || !sides[0].trim().startsWith("@.")) {
        throw new IllegalArgumentException("unsupported JSONPath filter " + inside);
      }
      String value = sides[1].trim();
      if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      return new Filter(List.of(sides[0].trim().substring(2).split("\\.")), value, equal);
    }
    if (inside.startsWith("'") || inside.startsWith("\"")) {
      return new Field(inside.substring(1, inside.length() - 1));
    }
    return new Index(Integer.parseInt(inside));
  }

  /** Every value the path reaches in {@code root}, in document order. */
  List<JsonNode> find(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (step instanceof Field f) {
          add(next, node.get(f.name()));
        } else if (step instanceof Index ix) {
          if (node.isArray()) {
            add(next, node.get(ix.index() < 0 ? node.size() + ix.index() : ix.index()));
          }
        } else if (step instanceof All) {
          node.elements().forEachRemaining(next::add);
        } else if (step instanceof Filter f && node.isArray()) {
          node.forEach(element -> {
            if (matches(element, f)) {
              next.add(element);
            }
          });
        }
      }
      current = next;
    }
    return current;
  }

  private static boolean matches(JsonNode element, Filter filter) {
    JsonNode value = element;
    for (String part : filter.path()) {
      value = value == null ? null : value.get(part);
    }
    boolean same = value != null && !value.isNull() && value.asText().equals(filter.value());
    return same == filter.equal();
  }

  private static void add(List<JsonNode> to, JsonNode node) {
    if (node != null && !node.isNull() && !node.isMissingNode()) {
      to.add(node);
    }
  }
}
