package io.milvus.operator.kubesim.admission;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes quantities ({@code 500m}, {@code 2Gi}, {@code 1e3}) as the API server parses them. */
final class Quantities {

  static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

  private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1024)), Map.entry("Mi", BigDecimal.valueOf(1024).pow(2)),
      Map.entry("Gi", BigDecimal.valueOf(1024).pow(3)), Map.entry("Ti", BigDecimal.valueOf(1024).pow(4)),
      Map.entry("Pi", BigDecimal.valueOf(1024).pow(5)), Map.entry("Ei", BigDecimal.valueOf(1024).pow(6)));

  /** A parsed quantity, or why it cannot be parsed. */
  record Parsed(BigDecimal value, String error) {
  }

  private Quantities() {
  }

  static Parsed parse(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      return new Parsed(null, FORMAT_ERROR);
    }
    BigDecimal number;
    try {
      number = new BigDecimal(matcher.group(1));
    } catch (NumberFormatException e) {
      return new Parsed(null, FORMAT_ERROR);
    }
    String suffix = matcher.group(2);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null && suffix.matches("[eE][-+]?[0-9]+")) {
      multiplier = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return multiplier == null ? new Parsed(null, SUFFIX_ERROR) : new Parsed(number.multiply(multiplier), null);
  }

  static Optional<BigDecimal> value(String text) {
    return Optional.ofNullable(parse(text).value());
  }
}
