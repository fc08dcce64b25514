package io.milvus.operator.kubesim.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The API server's name and label syntax checks; each returns the server's messages (empty when valid). */
public final class NameRules {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
      + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
      + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric "
      + "characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. "
      + "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and "
      + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
      + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  private static final String CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' "
      + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
  private static final String ENV_VAR_NAME_MSG = "a valid environment variable name must consist of alphabetic "
      + "characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or "
      + "'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

  /** How a kind's object names are checked. */
  public enum NameFormat {
    DNS1123_SUBDOMAIN, DNS1123_LABEL, DNS1035_LABEL;

    public List<String> check(String name) {
      return switch (this) {
        case DNS1123_SUBDOMAIN -> dns1123Subdomain(name);
        case DNS1123_LABEL -> dns1123Label(name);
        case DNS1035_LABEL -> dns1035Label(name);
      };
    }
  }

  private NameRules() {
  }

  public static List<String> dns1123Label(String value) {
    return check(value, 63, DNS1123_LABEL, DNS1123_LABEL_MSG);
  }

  public static List<String> dns1123Subdomain(String value) {
    return check(value, 253, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MSG);
  }

  public static List<String> dns1035Label(String value) {
    return check(value, 63, DNS1035_LABEL, DNS1035_LABEL_MSG);
  }

  public static List<String> labelValue(String value) {
    return check(value, 63, LABEL_VALUE, LABEL_VALUE_MSG);
  }

  public static List<String> configMapKey(String value) {
    return check(value, 253, CONFIG_KEY, CONFIG_KEY_MSG);
  }

  public static List<String> envVarName(String value) {
    return ENV_VAR_NAME.matcher(value).matches() ? List.of() : List.of(ENV_VAR_NAME_MSG);
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  public static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(prefix).forEach(m -> errors.add("prefix part " + m));
      }
    } else {
      return List.of("a qualified name " + QUALIFIED_NAME_MSG
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errors.add("name part must be no more than 63 characters");
    }
    if (!name.isEmpty() && !QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + QUALIFIED_NAME_MSG);
    }
    return errors;
  }

  /** An IANA service name, as container and service port names must be. */
  public static List<String> portName(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > 15) {
      errors.add("must be no more than 15 characters");
    }
    if (!value.matches("[-a-z0-9]+")) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (value.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!value.matches(".*[a-z].*")) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (value.startsWith("-") || value.endsWith("-")) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  private static List<String> check(String value, int max, Pattern pattern, String message) {
    List<String> errors = new ArrayList<>();
    if (value.length() > max) {
      errors.add("must be no more than " + max + " characters");
    }
    if (!pattern.matcher(value).matches()) {
      errors.add(message);
    }
    return errors;
  }
}
