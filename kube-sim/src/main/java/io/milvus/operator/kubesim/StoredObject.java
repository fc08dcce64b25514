package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One version of one object in the {@link ObjectStore}, with its JSON written once: reads and watch events share
 * it. Immutable by contract: nobody changes {@code object} after it is stored (writers change a deep copy).
 *
 * @param namespace "" for a cluster-scoped object
 */
record StoredObject(ObjectStore.Kind kind, String namespace, String name, long resourceVersion, ObjectNode object,
    String json, Map<String, String> labels) {

  private static final ObjectMapper JSON = Serialization.PLAIN;

  /** Freezes {@code object} (which the caller must no longer change) as the version {@code resourceVersion}. */
  static StoredObject of(ObjectStore.Kind kind, String namespace, String name, long resourceVersion, ObjectNode object) {
    object.with("metadata").put("resourceVersion", String.valueOf(resourceVersion));
    Map<String, String> labels = new HashMap<>();
    object.path("metadata").path("labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    try {
      return new StoredObject(kind, namespace, name, resourceVersion, object, JSON.writeValueAsString(object),
          Map.copyOf(labels));
    } catch (IOException e) {
      throw new IllegalStateException("unwritable object " + name, e);
    }
  }

  /** A copy the caller may change. */
  ObjectNode mutableCopy() {
    return object.deepCopy();
  }

  JsonNode metadata() {
    return object.path("metadata");
  }
}
