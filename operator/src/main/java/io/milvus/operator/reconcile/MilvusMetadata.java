package io.milvus.operator.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Marks the operator keeps on a Milvus's own metadata (upstream's rollout annotations and labels). */
final class MilvusMetadata {

  /** Plain Jackson: a null value must be written, as a merge patch removes the key with it. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private MilvusMetadata() {}

  /** A merge patch of the metadata alone: the spec and status are not written, and no resourceVersion is needed. */
  static void patch(KubernetesClient client, Milvus milvus, Map<String, String> annotations,
      Map<String, String> labels) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("annotations", annotations);
    metadata.put("labels", labels);
    client.resources(Milvus.class).inNamespace(milvus.getMetadata().getNamespace())
        .withName(milvus.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("metadata", metadata)));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of strings as JSON", e);
    }
  }

}
