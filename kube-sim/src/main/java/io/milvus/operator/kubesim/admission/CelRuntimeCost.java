package io.milvus.operator.kubesim.admission;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The actual cost of one rule's evaluation, counted as cel-go's runtime cost tracker counts it
 * ({@code interpreter/runtimecost.go}): 1 per identifier and field selection, 0 per {@code has()} (the API server's
 * PresenceTestHasCost(false)), 10 per list and 30 per map built, 1 per call, or, for the functions whose work grows
 * with their input, the actual string or list sizes ({@code ==} 0.1 per character of the smaller side, {@code
 * matches} the string's tenth times the pattern's quarter, {@code in} the list's length...). Past {@code limit} the
 * evaluation is stopped, as cel-go cancels it ({@code operation cancelled: actual cost limit exceeded}).
 */
final class CelRuntimeCost implements CelEvaluationListener {

  /** Thrown out of the evaluation when the cost passes the limit. */
  static final class LimitExceeded extends RuntimeException {
    LimitExceeded() {
      super("operation cancelled: actual cost limit exceeded", null, false, false);
    }
  }

  private final long limit;
  private final Map<Long, Object> results = new HashMap<>();
  private long cost;

  CelRuntimeCost(long limit) {
    this.limit = limit;
  }

  long cost() {
    return cost;
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    results.put(expr.id(), result);
    cost = CelCost.add(cost, costOf(expr));
    if (cost > limit) {
      throw new LimitExceeded();
    }
  }

  private long costOf(CelExpr expr) {
    return switch (expr.getKind()) {
      case IDENT -> 1;
      case SELECT -> expr.select().testOnly() ? 0 : 1;
      case LIST -> 10;
      case MAP -> 30;
      case STRUCT -> 40;
      case CALL -> callCost(expr.call());
      default -> 0;
    };
  }

  private long callCost(CelExpr.CelCall call) {
    List<CelExpr> args = call.args();
    Object target = call.target().map(t -> results.get(t.id())).orElse(null);
    return switch (call.function()) {
      case "_&&_", "_||_", "_?_:_" -> 0; // not calls to the interpreter
      case "_==_", "_!=_" -> args.size() == 2 ? tenth(Math.min(size(arg(args, 0)), size(arg(args, 1)))) : 1;
      case "_<_", "_<=_", "_>_", "_>=_" -> args.size() == 2 && (arg(args, 0) instanceof String || arg(args, 1) instanceof String)
          ? tenth(Math.min(size(arg(args, 0)), size(arg(args, 1)))) : 1;
      case "matches" -> {
        Object text = target != null ? target : arg(args, 0);
        Object pattern = target != null ? arg(args, 0) : arg(args, 1);
        yield CelCost.multiply(tenth(size(text) + 1), (long) Math.ceil(size(pattern) * 0.25));
      }
      case "contains" -> target instanceof String ? CelCost.multiply(tenth(size(target)), tenth(size(arg(args, 0)))) : 1;
      case "startsWith", "endsWith" -> target instanceof String ? tenth(size(arg(args, 0))) : 1;
      case "@in" -> args.size() == 2 ? Math.max(1, size(arg(args, 1))) : 1;
      case "_+_" -> arg(args, 0) instanceof String ? tenth(size(arg(args, 0)) + size(arg(args, 1))) : 1;
      default -> 1;
    };
  }

  private Object arg(List<CelExpr> args, int i) {
    return i < args.size() ? results.get(args.get(i).id()) : null;
  }

  private static long size(Object value) {
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof Collection<?> items) {
      return items.size();
    }
    if (value instanceof Map<?, ?> entries) {
      return entries.size();
    }
    return 1;
  }

  private static long tenth(long size) {
    return (long) Math.ceil(size * 0.1);
  }
}
