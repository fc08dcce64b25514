package io.milvus.operator.kubesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as the {@code labelSelector} query parameter writes it, equality-based ({@code app=milvus},
 * {@code tier!=db}) and set-based ({@code env in (a,b)}, {@code env notin (a)}, {@code release}, {@code !release}),
 * all requirements ANDed. Pure.
 */
record LabelSelector(List<Requirement> requirements) {

  static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");
  private static final Pattern KEY = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?)$");

  enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

  /** {@code key=value} is IN with one value, {@code key!=value} NOT_IN with one value. */
  record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }
  }

  /** Parses a decoded selector; an unparsable one is an {@link IllegalArgumentException} (the API server's 400). */
  static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String term : splitOutsideParentheses(selector)) {
      String t = term.trim();
      if (t.isEmpty()) {
        throw invalid(selector);
      }
      requirements.add(requirement(t, selector));
    }
    return new LabelSelector(List.copyOf(requirements));
  }

  private static Requirement requirement(String t, String selector) {
    Matcher set = SET.matcher(t);
    if (set.matches()) {
      List<String> values = new ArrayList<>();
      for (String v : set.group(3).split(",", -1)) {
        values.add(v.trim());
      }
      return new Requirement(key(set.group(1), selector), "in".equals(set.group(2)) ? Operator.IN : Operator.NOT_IN,
          Set.copyOf(values));
    }
    int notEqual = t.indexOf("!=");
    if (notEqual > 0) {
      return new Requirement(key(t.substring(0, notEqual), selector), Operator.NOT_IN,
          Set.of(t.substring(notEqual + 2).trim()));
    }
    int equal = t.indexOf('=');
    if (equal > 0) {
      int valueStart = t.startsWith("==", equal) ? equal + 2 : equal + 1;
      return new Requirement(key(t.substring(0, equal), selector), Operator.IN, Set.of(t.substring(valueStart).trim()));
    }
    if (t.startsWith("!")) {
      return new Requirement(key(t.substring(1), selector), Operator.DOES_NOT_EXIST, Set.of());
    }
    return new Requirement(key(t, selector), Operator.EXISTS, Set.of());
  }

  private static String key(String raw, String selector) {
    String key = raw.trim();
    if (!KEY.matcher(key).matches()) {
      throw invalid(selector);
    }
    return key;
  }

  private static IllegalArgumentException invalid(String selector) {
    return new IllegalArgumentException("unable to parse requirement: invalid label selector \"" + selector + "\"");
  }

  private static List<String> splitOutsideParentheses(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The {@code key=value} requirements, written so, that an index can answer. */
  List<String> equalities() {
    return requirements.stream().filter(r -> r.operator() == Operator.IN && r.values().size() == 1)
        .map(r -> r.key() + "=" + r.values().iterator().next()).toList();
  }
}
