package io.milvus.operator.adopt;

import io.milvus.operator.api.Serialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.Hashes;
import java.util.Map;

/**
 * Pure: how the operator knows that the user changed a Milvus's spec since a pod template was rendered or adopted.
 *
 * <p>The revision is a hash of the spec as the user wrote it (not the defaulted spec: a new operator release with new
 * defaults changes no revision), with keys in a canonical order (so the API server's formatting does not count), and
 * without the fields that never reach a pod template: each component's {@code replicas} (scaling, also by an
 * autoscaler through -1) and {@code paused}. Each Deployment records the revision its pod template belongs to in the
 * annotation {@value #ANNOTATION}; a Deployment whose recorded revision differs from the spec's has a change to roll.
 */
public final class SpecRevision {

  /** On a Deployment: the spec revision its pod template was rendered for (or adopted at). */
  public static final String ANNOTATION = ComponentDeployment.SPEC_REVISION;

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;
  private static final String COMPONENTS = "components";

  private SpecRevision() {}

  public static String of(MilvusSpec spec) {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = spec == null ? Map.of() : JSON.convertValue(spec, Map.class);
    if (tree.get(COMPONENTS) instanceof Map<?, ?> components) {
      components.remove("paused");
      components.values().forEach(component -> {
        if (component instanceof Map<?, ?> own) {
          own.remove("replicas");
          own.remove("paused");
        }
      });
    }
    try {
      return Hashes.sha256(CANONICAL.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec read from JSON is written as JSON", e);
    }
  }
}
