package io.milvus.operator.kubesim.admission;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI {@code format}s a CRD schema's strings are checked against, as the apiextensions API server checks
 * them: only the formats of its {@code supportedFormats} list (apiextensions-apiserver
 * {@code pkg/apiserver/validation/formats.go}), each as kube-openapi's {@code strfmt} default registry validates
 * it. Any other format ({@code int32}, {@code int64}, {@code float}, {@code double}, names of one's own) is
 * dropped from the schema and checks nothing; so are formats on non-strings. Names are compared without dashes
 * ({@code date-time} is {@code datetime}).
 */
final class Formats {

  private static final Pattern HOSTNAME = Pattern.compile("^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|"
      + "([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$");
  private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID3 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern UUID4 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern UUID5 =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  private static final Pattern BASE64 =
      Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern MAC = Pattern.compile("^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[:-]){7}"
      + "([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[:-]){19}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$|"
      + "^([0-9A-Fa-f]{4}\\.){3}[0-9A-Fa-f]{4}$|^([0-9A-Fa-f]{4}\\.){9}[0-9A-Fa-f]{4}$");
  private static final Pattern EMAIL = Pattern.compile("^(?:[^<>@\\s]*<)?[^<>@\\s\"(),:;\\[\\]\\\\]+@[^<>@\\s\"(),:;\\\\]+>?$");
  private static final Pattern BSON_OBJECT_ID = Pattern.compile("^[0-9a-fA-F]{24}$");
  private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");
  private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGB_COLOR = Pattern.compile("^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,"
      + "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
  private static final Pattern CREDIT_CARD = Pattern.compile("^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|"
      + "6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})$");
  private static final Pattern DURATION_PART = Pattern.compile("((\\d+)\\s*([A-Za-zµ]+))");
  private static final Pattern GO_DURATION = Pattern.compile("^[-+]?(\\d+(\\.\\d*)?(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$");

  private static final Map<String, Predicate<String>> SUPPORTED = Map.ofEntries(
      Map.entry("bsonobjectid", s -> BSON_OBJECT_ID.matcher(s).matches()),
      Map.entry("uri", Formats::isRequestUri),
      Map.entry("email", s -> EMAIL.matcher(s).matches()),
      Map.entry("hostname", Formats::isHostname),
      Map.entry("ipv4", Formats::isIpv4),
      Map.entry("ipv6", Formats::isIpv6),
      Map.entry("cidr", Formats::isCidr),
      Map.entry("mac", s -> MAC.matcher(s).matches()),
      Map.entry("uuid", s -> UUID.matcher(s).matches()),
      Map.entry("uuid3", s -> UUID3.matcher(s).matches()),
      Map.entry("uuid4", s -> UUID4.matcher(s).matches()),
      Map.entry("uuid5", s -> UUID5.matcher(s).matches()),
      Map.entry("isbn", s -> isIsbn10(s) || isIsbn13(s)),
      Map.entry("isbn10", Formats::isIsbn10),
      Map.entry("isbn13", Formats::isIsbn13),
      Map.entry("creditcard", Formats::isCreditCard),
      Map.entry("ssn", s -> SSN.matcher(s).matches()),
      Map.entry("hexcolor", s -> HEX_COLOR.matcher(s).matches()),
      Map.entry("rgbcolor", s -> RGB_COLOR.matcher(s).matches()),
      Map.entry("byte", s -> BASE64.matcher(s).matches()),
      Map.entry("password", s -> true),
      Map.entry("date", Formats::isDate),
      Map.entry("duration", Formats::isDuration),
      Map.entry("datetime", Formats::isDateTime));

  private Formats() {
  }

  /** Whether {@code value} is of {@code format}; true for formats the API server does not check. */
  static boolean valid(String format, String value) {
    Predicate<String> check = SUPPORTED.get(normalized(format));
    return check == null || check.test(value);
  }

  private static String normalized(String format) {
    return format.replace("-", "");
  }

  /** Go's url.ParseRequestURI: an absolute URI, or an absolute path. */
  private static boolean isRequestUri(String value) {
    if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == ' ')) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() || value.startsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isHostname(String value) {
    if (!HOSTNAME.matcher(value).matches() || value.length() > 255) {
      return false;
    }
    for (String label : value.split("\\.", -1)) {
      if (label.length() > 63) {
        return false;
      }
    }
    return true;
  }

  /** An IPv4 address, leading zeros tolerated (netutils.ParseIPSloppy). */
  private static boolean isIpv4(String value) {
    Matcher m = IPV4.matcher(value);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  /** govalidator.IsIPv6: parses as an IP and contains a colon. */
  private static boolean isIpv6(String value) {
    if (!value.contains(":") || !value.matches("^[0-9A-Fa-f:.]+$")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(value) != null; // a literal with a colon: parsed, never looked up
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    if (!bits.matches("^\\d{1,3}$")) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    if (isIpv4(address)) {
      return prefix <= 32;
    }
    return isIpv6(address) && prefix <= 128;
  }

  private static boolean isDate(String value) {
    if (!DATE.matcher(value).matches()) {
      return false;
    }
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** strfmt.IsDateTime: a date, a "t", and a time of day with a zone, compared case-insensitively. */
  private static boolean isDateTime(String value) {
    if (value.length() < 4) {
      return false;
    }
    String[] parts = value.toLowerCase(Locale.ROOT).split("t", -1);
    if (parts.length < 2 || !isDate(parts[0])) {
      return false;
    }
    Matcher m = TIME_OF_DAY.matcher(parts[1]);
    return m.find() && m.group(1).compareTo("23") <= 0 && m.group(2).compareTo("59") <= 0
        && m.group(3).compareTo("59") <= 0;
  }

  /** Go's time.ParseDuration, or at least one number followed by a known unit (strfmt.ParseDuration). */
  private static boolean isDuration(String value) {
    if (GO_DURATION.matcher(value).matches()) {
      return true;
    }
    Matcher m = DURATION_PART.matcher(value);
    while (m.find()) {
      String unit = m.group(3).trim().toLowerCase(Locale.ROOT);
      for (String[] variants : new String[][] {{"ns", "nano"}, {"us", "µs", "micro"}, {"ms", "milli"}, {"s", "sec"},
          {"m", "min"}, {"h", "hr", "hour"}, {"d", "day"}, {"w", "wk", "week"}}) {
        for (int i = 0; i < variants.length; i++) {
          if (i == variants.length - 1 && unit.startsWith(variants[i]) || variants[i].equalsIgnoreCase(unit)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isIsbn10(String value) {
    String digits = value.replaceAll("[\\s-]", "");
    if (!digits.matches("^\\d{9}[\\dX]$")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (i + 1) * (digits.charAt(i) - '0');
    }
    sum += digits.charAt(9) == 'X' ? 100 : 10 * (digits.charAt(9) - '0');
    return sum % 11 == 0;
  }

  private static boolean isIsbn13(String value) {
    String digits = value.replaceAll("[\\s-]", "");
    if (!digits.matches("^\\d{13}$")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (i % 2 == 0 ? 1 : 3) * (digits.charAt(i) - '0');
    }
    return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
  }

  /** govalidator.IsCreditCard: the digits (anything else dropped) match a card pattern and pass Luhn's check. */
  private static boolean isCreditCard(String value) {
    String digits = value.replaceAll("[^0-9]+", "");
    if (!CREDIT_CARD.matcher(digits).matches()) {
      return false;
    }
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
