package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which properties of the API's model classes a document sets, and which it leaves out. */
final class ModelCoverage {

  private static final String MODEL_PACKAGE = "io.milvus.operator.api.v1beta1";

  private ModelCoverage() {}

  /** "Class.property" for every property of a model class reachable from {@code type}. */
  static Set<String> allProperties(JavaType type) {
    Set<String> all = new TreeSet<>();
    collectAll(type, all, new TreeSet<>());
    return all;
  }

  /** "Class.property" for every property {@code document} gives a value to. */
  static Set<String> setProperties(JavaType type, JsonNode document) {
    Set<String> set = new TreeSet<>();
    collectSet(type, document, set);
    return set;
  }

  private static void collectAll(JavaType type, Set<String> all, Set<String> visited) {
    if (type.isContainerType()) {
      collectAll(type.getContentType(), all, visited);
      return;
    }
    if (!isModel(type) || !visited.add(type.getRawClass().getName())) {
      return;
    }
    for (BeanPropertyDefinition property : properties(type)) {
      all.add(declaredName(property));
      collectAll(property.getPrimaryType(), all, visited);
    }
  }

  private static void collectSet(JavaType type, JsonNode node, Set<String> set) {
    if (node == null || node.isNull()) {
      return;
    }
    if (type.isMapLikeType() && node.isObject()) {
      node.forEach(value -> collectSet(type.getContentType(), value, set));
    } else if (type.isContainerType() && node.isArray()) {
      node.forEach(value -> collectSet(type.getContentType(), value, set));
    } else if (isModel(type) && node.isObject()) {
      Map<String, BeanPropertyDefinition> byName = new HashMap<>();
      properties(type).forEach(p -> byName.put(p.getName(), p));
      node.fields().forEachRemaining(field -> {
        BeanPropertyDefinition property = byName.get(field.getKey());
        if (property != null) {
          set.add(declaredName(property));
          collectSet(property.getPrimaryType(), field.getValue(), set);
        }
      });
    }
  }

  /** Named after the class declaring the field: ComponentSpec.image is one field, whichever component sets it. */
  private static String declaredName(BeanPropertyDefinition property) {
    return property.getPrimaryMember().getDeclaringClass().getSimpleName() + "." + property.getName();
  }

  private static boolean isModel(JavaType type) {
    return type.getRawClass().getPackageName().equals(MODEL_PACKAGE);
  }

  private static Iterable<BeanPropertyDefinition> properties(JavaType type) {
    return TestResources.JSON.getSerializationConfig().introspect(type).findProperties();
  }
}
