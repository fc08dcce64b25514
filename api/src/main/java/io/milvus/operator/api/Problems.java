package io.milvus.operator.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the problems of one validation run, with the checks every validator needs. */
final class Problems {

  private final List<ValidationProblem> found = new ArrayList<>();

  void add(String field, String message) {
    found.add(new ValidationProblem(field, message));
  }

  List<ValidationProblem> list() {
    return List.copyOf(found);
  }

  /** {@code value} must be one of {@code allowed}; null and "" mean "not set" and pass. */
  void oneOf(String field, String value, Collection<String> allowed) {
    if (value != null && !value.isEmpty() && !allowed.contains(value)) {
      add(field, lastSegment(field) + " must be " + alternatives(allowed) + ", got \"" + value + "\"");
    }
  }

  void image(String field, String image) {
    ImageReference.findProblem(image).ifPresent(problem -> add(field, problem));
  }

  /** The name of a Secret, ConfigMap, PVC or ServiceAccount: a DNS-1123 subdomain. */
  void objectName(String field, String name, String kind) {
    if (name != null && !name.isEmpty() && !KubernetesNames.isDnsSubdomain(name)) {
      add(field, kind + " name \"" + name + "\" is not a valid Kubernetes name: use at most 253 lowercase letters,"
          + " digits, '-' and '.', starting and ending with a letter or digit");
    }
  }

  /** Label keys and values must follow Kubernetes' syntax, or the API server rejects the objects carrying them. */
  void labels(String field, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    labels.forEach((key, value) -> {
      String entry = field + "[" + key + "]";
      KubernetesNames.keyProblem(key).ifPresent(problem -> add(entry, "label " + problem));
      KubernetesNames.labelValueProblem(key, value).ifPresent(problem -> add(entry, problem));
    });
  }

  void annotations(String field, Map<String, String> annotations) {
    if (annotations == null) {
      return;
    }
    annotations.keySet().forEach(key ->
        KubernetesNames.keyProblem(key).ifPresent(problem -> add(field + "[" + key + "]", "annotation " + problem)));
  }

  /** "a, b or c" */
  static String alternatives(Collection<String> allowed) {
    List<String> items = List.copyOf(allowed);
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  static String lastSegment(String field) {
    String withoutIndex = field.replaceAll("\\[[^\\]]*\\]$", "");
    return withoutIndex.substring(withoutIndex.lastIndexOf('.') + 1);
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
