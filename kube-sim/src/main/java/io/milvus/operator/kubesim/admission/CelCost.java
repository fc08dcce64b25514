package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The static cost estimate of an {@code x-kubernetes-validations} rule, as the API server computes it when a CRD is
 * installed: cel-go's checker cost model ({@code checker/cost.go}: an identifier or a field selection costs 1, a
 * literal 0, a comprehension its range's size times its step, string work 0.1 per character, {@code matches} the
 * product of the string's and a quarter of the pattern's length, {@code ==} the smaller operand's size...) over
 * sizes taken from the schema as the apiextensions server types {@code self} ({@code maxLength} times 4 bytes,
 * {@code maxItems}, {@code maxProperties}, or, without them, as many as a 3 MiB request can hold). Only the upper
 * bound is kept: it is what the limits are compared with. kube-sim types rule variables dynamically, so an
 * operator's type is inferred from the schema node it reaches, and a call's result from the function.
 */
final class CelCost {

  static final long MAX_REQUEST_SIZE_BYTES = 3L * 1024 * 1024;
  private static final long UNKNOWN = Long.MAX_VALUE;
  private static final double STRING_TRAVERSAL = 0.1;
  private static final double REGEX_LENGTH = 0.25;
  private static final long LIST_CREATE = 10;
  private static final long MAP_CREATE = 30;

  /** What a value can be, as far as the estimate needs it. */
  enum Shape { STRING, BYTES, LIST, MAP, OBJECT, SCALAR, DYN }

  /** The type of a schema node as the estimate sees it (apiserver's {@code DeclType}): its size bound and parts. */
  record Type(Shape shape, long maxElements, long minSerializedSize, Map<String, Type> fields, Type element) {
  }

  /** A size bound: a number of characters, bytes, items or entries; UNKNOWN when nothing bounds it. */
  private record Size(long max) {
  }

  private final Type self;
  private final Map<Long, Size> computed = new HashMap<>();
  private final Map<Long, List<String>> paths = new HashMap<>();
  private final Deque<Map.Entry<String, CelExpr>> iterations = new ArrayDeque<>();

  private CelCost(Type self) {
    this.self = self;
  }

  /** The estimated maximum cost of one evaluation of {@code expr} with {@code self} of type {@code self}. */
  static long estimate(CelExpr expr, Type self) {
    return new CelCost(self).cost(expr);
  }

  // --- the schema as a type (apiserver pkg/cel/common/schemas.go SchemaDeclType) ---

  /** The type of a schema node; null when CEL does not see it (no type, not int-or-string). */
  static Type typeOf(JsonNode schema, boolean resourceRoot) {
    if (schema == null || !schema.isObject()) {
      return null;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return new Type(Shape.DYN, MAX_REQUEST_SIZE_BYTES - 2, 1, Map.of(), null);
    }
    switch (schema.path("type").asText("")) {
      case "array": {
        Type items = typeOf(schema.get("items"), schema.path("items").path("x-kubernetes-embedded-resource").asBoolean());
        if (items == null) {
          return null;
        }
        long max = schema.has("maxItems") ? Math.max(0, schema.get("maxItems").asLong())
            : (MAX_REQUEST_SIZE_BYTES - 2) / (items.minSerializedSize() + 1);
        return new Type(Shape.LIST, max, 2, Map.of(), items);
      }
      case "object": {
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
          Type values = typeOf(additional, additional.path("x-kubernetes-embedded-resource").asBoolean());
          if (values == null) {
            return null;
          }
          long max = schema.has("maxProperties") ? Math.max(0, schema.get("maxProperties").asLong())
              : (MAX_REQUEST_SIZE_BYTES - 2) / (values.minSerializedSize() + 6);
          return new Type(Shape.MAP, max, 2, Map.of(), values);
        }
        Map<String, Type> fields = new HashMap<>();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        long minSize = 2;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          Type field = typeOf(property.getValue(),
              property.getValue().path("x-kubernetes-embedded-resource").asBoolean());
          if (field != null) {
            fields.put(property.getKey(), field);
            if (required.contains(property.getKey()) && !property.getValue().has("default")) {
              minSize += property.getKey().length() + field.minSerializedSize() + 4;
            }
          }
        }
        if (resourceRoot) {
          Type string = new Type(Shape.STRING, MAX_REQUEST_SIZE_BYTES - 2, 2, Map.of(), null);
          fields.putIfAbsent("kind", string);
          fields.putIfAbsent("apiVersion", string);
          fields.putIfAbsent("metadata", new Type(Shape.OBJECT, 0, 2,
              Map.of("name", string, "generateName", string), null));
        }
        return new Type(Shape.OBJECT, 0, minSize, fields, null);
      }
      case "string":
        return stringType(schema);
      case "boolean":
        return new Type(Shape.SCALAR, 0, 4, Map.of(), null);
      case "number":
      case "integer":
        return new Type(Shape.SCALAR, 0, 1, Map.of(), null);
      default:
        return null;
    }
  }

  private static Type stringType(JsonNode schema) {
    String format = schema.path("format").asText("");
    switch (format) {
      case "byte":
        return new Type(Shape.BYTES, schema.has("maxLength") ? Math.max(0, schema.get("maxLength").asLong())
            : MAX_REQUEST_SIZE_BYTES - 2, 2, Map.of(), null);
      case "duration":
        return new Type(Shape.SCALAR, 32, 4, Map.of(), null); // MaxDurationSizeJSON
      case "date":
        return new Type(Shape.SCALAR, 12, 12, Map.of(), null); // JSONDateSize
      case "date-time":
        return new Type(Shape.SCALAR, 44, 22, Map.of(), null); // MaxDatetimeSizeJSON
      default:
        break;
    }
    long max;
    if (schema.has("maxLength")) {
      max = Math.max(0, schema.get("maxLength").asLong()) * 4; // runes are up to 4 bytes
    } else if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      max = 0;
      for (JsonNode value : schema.get("enum")) {
        max = Math.max(max, value.asText().length());
      }
    } else {
      max = MAX_REQUEST_SIZE_BYTES - 2;
    }
    return new Type(Shape.STRING, max, 2, Map.of(), null);
  }

  // --- the cost model (cel-go checker/cost.go) ---

  private long cost(CelExpr e) {
    return switch (e.getKind()) {
      case CONSTANT -> 0;
      case IDENT -> identCost(e);
      case SELECT -> selectCost(e);
      case CALL -> callCost(e);
      case LIST -> {
        long sum = LIST_CREATE;
        for (CelExpr element : e.list().elements()) {
          sum = add(sum, cost(element));
        }
        computed.put(e.id(), new Size(e.list().elements().size()));
        yield sum;
      }
      case MAP -> {
        long sum = MAP_CREATE;
        for (CelExpr.CelMap.Entry entry : e.map().entries()) {
          sum = add(sum, add(cost(entry.key()), cost(entry.value())));
        }
        computed.put(e.id(), new Size(e.map().entries().size()));
        yield sum;
      }
      case STRUCT -> 40;
      case COMPREHENSION -> comprehensionCost(e);
      default -> 0;
    };
  }

  private long identCost(CelExpr e) {
    String name = e.ident().name();
    for (Map.Entry<String, CelExpr> iteration : iterations) {
      if (iteration.getKey().equals(name)) {
        List<String> range = paths.get(iteration.getValue().id());
        if (range != null) {
          Type over = typeAt(range);
          List<String> path = new ArrayList<>(range);
          path.add(over != null && over.shape() == Shape.MAP ? "@keys" : "@items");
          paths.put(e.id(), path);
        }
        return 1;
      }
    }
    paths.put(e.id(), List.of(name));
    return 1;
  }

  private long selectCost(CelExpr e) {
    CelExpr.CelSelect select = e.select();
    long operand = cost(select.operand());
    List<String> base = paths.get(select.operand().id());
    if (base != null) {
      List<String> path = new ArrayList<>(base);
      path.add(select.field());
      paths.put(e.id(), path);
    }
    return select.testOnly() ? operand : add(operand, 1); // has() costs nothing (PresenceTestHasCost(false))
  }

  private long comprehensionCost(CelExpr e) {
    CelExpr.CelComprehension c = e.comprehension();
    long sum = add(cost(c.iterRange()), cost(c.accuInit()));
    iterations.push(Map.entry(c.iterVar(), c.iterRange()));
    long loop = cost(c.loopCondition());
    long step = cost(c.loopStep());
    iterations.pop();
    sum = add(sum, cost(c.result()));
    long range = size(c.iterRange()).max();
    computed.put(e.id(), new Size(range));
    return add(sum, multiply(range, add(step, loop)));
  }

  private long callCost(CelExpr e) {
    CelExpr.CelCall call = e.call();
    List<CelExpr> args = call.args();
    long argSum = 0;
    long[] argCosts = new long[args.size()];
    for (int i = 0; i < args.size(); i++) {
      argCosts[i] = cost(args.get(i));
      argSum = add(argSum, argCosts[i]);
    }
    long sum = 0;
    CelExpr target = call.target().orElse(null);
    if (target != null) {
      sum = cost(target);
    }
    String function = call.function();
    if ("_[_]".equals(function) && args.size() == 2) {
      List<String> base = paths.get(args.get(0).id());
      if (base != null) {
        Type over = typeAt(base);
        List<String> path = new ArrayList<>(base);
        path.add(over != null && over.shape() == Shape.MAP ? "@values" : "@items");
        paths.put(e.id(), path);
      }
    }
    long fn = switch (function) {
      case "startsWith", "endsWith" -> target != null && args.size() == 1
          ? add(factor(size(args.get(0)).max(), STRING_TRAVERSAL), argSum) : add(1, argSum);
      case "@in" -> args.size() == 2 ? add(size(args.get(1)).max(), argSum) : add(1, argSum);
      case "matches" -> {
        CelExpr text = target != null ? target : args.isEmpty() ? null : args.get(0);
        CelExpr pattern = target != null ? (args.isEmpty() ? null : args.get(0)) : args.size() > 1 ? args.get(1) : null;
        if (text == null || pattern == null) {
          yield add(1, argSum);
        }
        long strCost = factor(add(size(text).max(), 1), STRING_TRAVERSAL);
        long regexCost = factor(size(pattern).max(), REGEX_LENGTH);
        yield add(multiply(strCost, regexCost), argSum);
      }
      case "contains" -> target != null && args.size() == 1 && isStringLike(target)
          ? add(multiply(factor(size(target).max(), STRING_TRAVERSAL), factor(size(args.get(0)).max(), STRING_TRAVERSAL)),
              argSum)
          : add(1, argSum);
      case "_&&_", "_||_" -> argSum;
      case "_?_:_" -> {
        computed.put(e.id(), new Size(Math.max(size(args.get(1)).max(), size(args.get(2)).max())));
        yield add(argCosts[0], Math.max(argCosts[1], argCosts[2]));
      }
      case "_+_" -> {
        if (args.size() != 2) {
          yield add(1, argSum);
        }
        long total = add(size(args.get(0)).max(), size(args.get(1)).max());
        if (isList(args.get(0)) || isList(args.get(1))) {
          computed.put(e.id(), new Size(total));
          yield add(1, argSum);
        }
        if (isStringLike(args.get(0)) || isStringLike(args.get(1))) {
          computed.put(e.id(), new Size(total));
          yield add(factor(total, STRING_TRAVERSAL), argSum);
        }
        yield add(1, argSum);
      }
      case "_==_", "_!=_" -> add(factor(Math.min(size(args.get(0)).max(), size(args.get(1)).max()), STRING_TRAVERSAL),
          argSum);
      case "_<_", "_<=_", "_>_", "_>=_" -> isStringLike(args.get(0)) || isStringLike(args.get(1))
          ? add(factor(Math.min(size(args.get(0)).max(), size(args.get(1)).max()), STRING_TRAVERSAL), argSum)
          : add(1, argSum);
      default -> add(1, argSum);
    };
    return add(sum, fn);
  }

  // --- sizes ---

  private Size size(CelExpr e) {
    Size known = computed.get(e.id());
    if (known != null) {
      return known;
    }
    if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      CelConstant constant = e.constant();
      return switch (constant.getKind()) {
        case STRING_VALUE -> new Size(constant.stringValue().length());
        case BYTES_VALUE -> new Size(constant.bytesValue().size());
        default -> new Size(1);
      };
    }
    List<String> path = paths.get(e.id());
    if (path != null && !path.isEmpty() && ("self".equals(path.get(0)) || "oldSelf".equals(path.get(0)))) {
      Type type = typeAt(path);
      return new Size(type == null ? UNKNOWN : type.maxElements());
    }
    return new Size(1); // a scalar: the result of a call, or an accumulator
  }

  private Type typeAt(List<String> path) {
    if (path.isEmpty() || !"self".equals(path.get(0)) && !"oldSelf".equals(path.get(0))) {
      return null;
    }
    Type current = self;
    for (String step : path.subList(1, path.size())) {
      if (current == null) {
        return null;
      }
      current = switch (step) {
        case "@items", "@values" -> current.element();
        case "@keys" -> current.shape() == Shape.MAP ? new Type(Shape.STRING, MAX_REQUEST_SIZE_BYTES - 2, 2, Map.of(), null)
            : null;
        default -> current.fields().get(step);
      };
    }
    return current;
  }

  private boolean isList(CelExpr e) {
    if (e.getKind() == CelExpr.ExprKind.Kind.LIST || e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
      return true;
    }
    List<String> path = paths.get(e.id());
    Type type = path == null ? null : typeAt(path);
    return type != null && type.shape() == Shape.LIST;
  }

  private boolean isStringLike(CelExpr e) {
    if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      return e.constant().getKind() == CelConstant.Kind.STRING_VALUE;
    }
    List<String> path = paths.get(e.id());
    Type type = path == null ? null : typeAt(path);
    return type != null && (type.shape() == Shape.STRING || type.shape() == Shape.BYTES || type.shape() == Shape.DYN)
        || computed.containsKey(e.id()) && e.getKind() == CelExpr.ExprKind.Kind.CALL;
  }

  // --- saturating arithmetic (cel-go never overflows: it stops at the largest value) ---

  static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 || sum < a ? Long.MAX_VALUE : sum;
  }

  static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private static long factor(long value, double costPerUnit) {
    double product = Math.ceil(value * costPerUnit);
    return product >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) product;
  }
}
