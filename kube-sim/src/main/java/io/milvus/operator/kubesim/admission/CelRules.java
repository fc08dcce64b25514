package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs' {@code x-kubernetes-validations} rules: compiled once per rule text and run with {@code self} (and, for
 * transition rules, {@code oldSelf}) bound to the value, as the API server runs them. Values are dynamically typed
 * here, where the server types them from the schema; a rule the schema's types would refuse still compiles.
 */
final class CelRules {

  /** A compiled rule, or why it does not compile. */
  record Compiled(CelRuntime.Program program, CelExpr expr, boolean usesOldSelf, String error) {
  }

  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  Compiled compile(String expression) {
    return cache.computeIfAbsent(expression, e -> {
      try {
        CelAbstractSyntaxTree ast = compiler.compile(e).getAst();
        return new Compiled(runtime.createProgram(ast), ast.getExpr(), e.contains("oldSelf"), null);
      } catch (CelValidationException | CelEvaluationException | RuntimeException failure) {
        return new Compiled(null, null, false, failure.getMessage());
      }
    });
  }

  /** The API server's limit of one rule's evaluation (apiserver {@code pkg/apis/cel/config.go} PerCallLimit). */
  static final long PER_CALL_LIMIT = 1_000_000L;

  /** An evaluation: its result (TRUE, FALSE, or a runtime error's text), its actual cost, and whether it was cut off. */
  record Evaluation(Object result, long cost, boolean overLimit) {
  }

  /** The rule's result: TRUE or FALSE, or the text of its runtime error (a string). */
  Object evaluate(Compiled rule, JsonNode self, JsonNode oldSelf) {
    return evaluate(rule, self, oldSelf, Long.MAX_VALUE).result();
  }

  /** Evaluates with cost tracking, stopping once the cost passes {@code limit}. */
  Evaluation evaluate(Compiled rule, JsonNode self, JsonNode oldSelf, long limit) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", celValue(self));
    if (oldSelf != null) {
      vars.put("oldSelf", celValue(oldSelf));
    }
    CelRuntimeCost tracker = new CelRuntimeCost(limit);
    try {
      return new Evaluation(rule.program().trace(vars, tracker), tracker.cost(), false);
    } catch (CelRuntimeCost.LimitExceeded e) {
      return new Evaluation(e.getMessage(), tracker.cost(), true);
    } catch (CelEvaluationException e) {
      if (e.getCause() instanceof CelRuntimeCost.LimitExceeded exceeded) {
        return new Evaluation(exceeded.getMessage(), tracker.cost(), true);
      }
      return new Evaluation(e.getMessage(), tracker.cost(), false);
    }
  }

  /** JSON as CEL sees it: integers are longs, objects maps, arrays lists; nulls are left out. */
  static Object celValue(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), celValue(e.getValue()));
        }
      });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(celValue(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
