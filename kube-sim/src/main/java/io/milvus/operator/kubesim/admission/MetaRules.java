package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Object metadata as the API server checks it for every kind: name, labels, annotations, owner references. */
final class MetaRules {

  static final int ANNOTATIONS_LIMIT = 256 * 1024;

  private MetaRules() {
  }

  static List<FieldError> validate(JsonNode metadata, NameRules.NameFormat nameFormat, boolean namespaced) {
    List<FieldError> errors = new ArrayList<>();
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      if (metadata.path("generateName").asText("").isEmpty()) {
        errors.add(FieldError.required("metadata.name", "name or generateName is required"));
      }
    } else {
      nameFormat.check(name).forEach(m -> errors.add(FieldError.invalid("metadata.name", name, m)));
    }
    if (namespaced && metadata.hasNonNull("namespace")) {
      String namespace = metadata.get("namespace").asText();
      NameRules.dns1123Label(namespace).forEach(m -> errors.add(FieldError.invalid("metadata.namespace", namespace, m)));
    }
    errors.addAll(labels(metadata.path("labels"), "metadata.labels"));
    errors.addAll(annotations(metadata.path("annotations"), "metadata.annotations"));
    errors.addAll(ownerReferences(metadata.path("ownerReferences")));
    return errors;
  }

  static List<FieldError> labels(JsonNode labels, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      NameRules.qualifiedName(label.getKey()).forEach(m -> errors.add(FieldError.invalid(path, label.getKey(), m)));
      String value = label.getValue().asText();
      NameRules.labelValue(value).forEach(m -> errors.add(FieldError.invalid(path, value, m)));
    }
    return errors;
  }

  static List<FieldError> annotations(JsonNode annotations, String path) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String key = annotation.getKey();
      NameRules.qualifiedName(key.toLowerCase(java.util.Locale.ROOT))
          .forEach(m -> errors.add(FieldError.invalid(path, key, m)));
      size += key.getBytes(StandardCharsets.UTF_8).length
          + annotation.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > ANNOTATIONS_LIMIT) {
      errors.add(FieldError.tooLong(path, ANNOTATIONS_LIMIT));
    }
    return errors;
  }

  private static List<FieldError> ownerReferences(JsonNode references) {
    List<FieldError> errors = new ArrayList<>();
    String firstController = null;
    for (int i = 0; i < references.size(); i++) {
      JsonNode reference = references.get(i);
      String path = "metadata.ownerReferences[" + i + "]";
      for (String required : List.of("apiVersion", "kind", "name", "uid")) {
        if (reference.path(required).asText("").isEmpty()) {
          errors.add(required.equals("apiVersion") || required.equals("kind")
              ? FieldError.invalid(path + "." + required, reference.path(required).asText(""), required + " must not be empty")
              : required.equals("name") ? FieldError.invalid(path + ".name", "", "name must not be empty")
              : FieldError.invalid(path + ".uid", "", "uid must not be empty"));
        }
      }
      if (reference.path("controller").asBoolean(false)) {
        String controller = reference.path("kind").asText() + "/" + reference.path("name").asText();
        if (firstController != null) {
          errors.add(FieldError.invalid("metadata.ownerReferences", references,
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + controller));
        } else {
          firstController = controller;
        }
      }
    }
    return errors;
  }
}
