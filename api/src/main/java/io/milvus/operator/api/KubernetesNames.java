package io.milvus.operator.api;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes' syntax rules for names, label keys and label values. */
final class KubernetesNames {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  /** A label value, or the name part of a label key. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private KubernetesNames() {}

  static boolean isDnsLabel(String name) {
    return name.length() <= 63 && DNS1123_LABEL.matcher(name).matches();
  }

  static boolean isDnsSubdomain(String name) {
    return name.length() <= 253 && DNS1123_SUBDOMAIN.matcher(name).matches();
  }

  /** Why {@code key} is not a valid label or annotation key ({@code [prefix/]name}), if it is not. */
  static Optional<String> keyProblem(String key) {
    int slash = key.lastIndexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = key.substring(slash + 1);
    if (prefix != null && !isDnsSubdomain(prefix)) {
      return Optional.of("the prefix of key \"" + key + "\" must be a DNS subdomain such as example.com");
    }
    if (name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
      return Optional.of("key \"" + key + "\" must be at most 63 letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit, after an optional prefix such as example.com/");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a valid label value, if it is not. */
  static Optional<String> labelValueProblem(String key, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > 63 || !QUALIFIED_NAME.matcher(value).matches()) {
      return Optional.of("the value of label \"" + key + "\" must be at most 63 letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit, got \"" + value + "\"");
    }
    return Optional.empty();
  }
}
