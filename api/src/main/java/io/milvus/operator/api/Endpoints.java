package io.milvus.operator.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax of the {@code host:port} endpoints of the dependencies. */
final class Endpoints {

  private static final Pattern HOST_PORT = Pattern.compile(
      "(?<host>\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)"
          + "(:(?<port>[0-9]{1,5}))?");

  private Endpoints() {}

  /**
   * Whether {@code endpoint} is {@code host:port}, preceded by one of {@code schemes} ("http://") if any.
   *
   * @param portRequired false when the port may be left out (object storage: 80 or 443)
   */
  static boolean isValid(String endpoint, List<String> schemes, boolean portRequired) {
    String rest = endpoint;
    for (String scheme : schemes) {
      if (rest.startsWith(scheme)) {
        rest = rest.substring(scheme.length());
        break;
      }
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    Matcher m = HOST_PORT.matcher(rest);
    if (!m.matches()) {
      return false;
    }
    String port = m.group("port");
    if (port == null) {
      return !portRequired;
    }
    int number = Integer.parseInt(port);
    return number >= 1 && number <= 65535;
  }
}
