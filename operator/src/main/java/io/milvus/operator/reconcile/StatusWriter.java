package io.milvus.operator.reconcile;

import io.milvus.operator.api.Serialization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.status.MergePatch;

/**
 * Writes a Milvus status as a JSON merge patch of what changed on the status subresource: what a real API server
 * accepts whatever the live copy holds, and never a write of the spec. The result goes into JOSDK's cache so the
 * next reconcile starts from it.
 */
final class StatusWriter {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private StatusWriter() {}

  static Milvus patch(Context<Milvus> context, Milvus milvus, MilvusStatus previous, MilvusStatus next) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("status", MergePatch.diff(JSON.convertValue(previous, JsonNode.class),
        JSON.convertValue(next, JsonNode.class)));
    // on the resource itself: patching by name alone makes the client read the object first
    Milvus saved = context.getClient().resource(milvus).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(saved), saved, milvus);
    return saved;
  }
}
