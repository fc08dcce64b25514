package io.milvus.operator.migration.meta;

import io.milvus.operator.migration.support.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Formats a decoded JSON value the way Go's {@code fmt.Sprintf("%v", v)} prints what {@code json.Unmarshal}
 * produced: numbers are float64 printed with the shortest round-tripping digits, in exponent form when the
 * decimal exponent is below -4 or at least 6 ({@code 1e+06}); maps as {@code map[k:v]} with sorted keys.
 */
public final class GoFormat {
  private static final int SHORTEST_EXPONENT_LIMIT = 6;

  private GoFormat() {}

  public static String format(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return formatFloat(d);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value == Json.NULL || value == null) {
      return "<nil>";
    }
    if (value instanceof List<?> list) {
      StringJoiner joined = new StringJoiner(" ", "[", "]");
      list.forEach(item -> joined.add(format(item)));
      return joined.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner joined = new StringJoiner(" ", "map[", "]");
      new TreeMap<>(map).forEach((k, v) -> joined.add(k + ":" + format(v)));
      return joined.toString();
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass());
  }

  /** Go's strconv.FormatFloat(v, 'g', -1, 64). */
  public static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      return sign + "0";
    }
    BigDecimal shortest = shortestDecimal(magnitude);
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
    if (exponent < -4 || exponent >= SHORTEST_EXPONENT_LIMIT) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exponentDigits = String.valueOf(Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
          + (exponentDigits.length() < 2 ? "0" : "") + exponentDigits;
    }
    return sign + shortest.toPlainString();
  }

  /** The fewest significant digits that parse back to the same double, trailing zeros removed. */
  private static BigDecimal shortestDecimal(double magnitude) {
    BigDecimal exact = new BigDecimal(magnitude);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == magnitude) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
