package io.milvus.operator.api;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The JSON properties of the model's types by name, each type introspected once. Jackson's introspection of a bean
 * costs more than reading the resource itself, and every read of a Milvus (informer events, status writes) asks for
 * the same few dozen types: a profile at 300 Milvus found it in 13% of the operator's samples. The memo only ever
 * holds what introspection answers for the model's classes, which never change while the JVM runs.
 */
final class ModelProperties {

  private final Function<JavaType, BeanDescription> introspect;
  private final Predicate<BeanPropertyDefinition> included;
  private final Map<JavaType, Map<String, JavaType>> byType = new ConcurrentHashMap<>();

  private ModelProperties(Function<JavaType, BeanDescription> introspect, Predicate<BeanPropertyDefinition> included) {
    this.introspect = introspect;
    this.included = included;
  }

  /** The properties a read of JSON fills in. */
  static ModelProperties read(ObjectMapper json) {
    return new ModelProperties(json.getDeserializationConfig()::introspect, BeanPropertyDefinition::couldDeserialize);
  }

  /** Every property of a type as written to JSON. */
  static ModelProperties written(ObjectMapper json) {
    return new ModelProperties(json.getSerializationConfig()::introspect, property -> true);
  }

  /** The type's properties by JSON name, with their types; not to be modified. */
  Map<String, JavaType> of(JavaType type) {
    return byType.computeIfAbsent(type, this::introspected);
  }

  private Map<String, JavaType> introspected(JavaType type) {
    Map<String, JavaType> properties = new HashMap<>();
    for (BeanPropertyDefinition property : introspect.apply(type).findProperties()) {
      if (included.test(property)) {
        properties.put(property.getName(), property.getPrimaryType());
      }
    }
    return Map.copyOf(properties);
  }
}
