package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code scale} subresource of Deployments, ReplicaSets and StatefulSets ({@code kubectl scale}), which the
 * mock serves as the whole object: reads answer an {@code autoscaling/v1 Scale}, writes (PUT, or a merge patch of
 * the Scale) change the object's {@code spec.replicas}.
 */
final class ScaleSubresource {

  private static final Set<String> SCALABLE = Set.of("deployments", "replicasets", "statefulsets");

  private final ObjectStore store;
  private final ObjectWrites writes;
  private final ObjectMapper json;

  ScaleSubresource(ObjectStore store, ObjectWrites writes, ObjectMapper json) {
    this.store = store;
    this.writes = writes;
    this.json = json;
  }

  static boolean handles(ApiCallLog.ApiCall call) {
    return "apps".equals(call.group()) && SCALABLE.contains(call.resource()) && "scale".equals(call.subresource());
  }

  MockResponse handle(RecordedRequest request, ApiCallLog.ApiCall call) {
    ApiCallLog.ApiCall objectCall = new ApiCallLog.ApiCall("patch", call.group(), call.version(), call.resource(), null,
        call.namespace(), call.name());
    Optional<StoredObject> current = store.get(ObjectWrites.kindOf(call), ObjectWrites.namespaceOf(call), call.name());
    if (current.isEmpty()) {
      return Statuses.notFound(call);
    }
    ObjectNode scale = scaleOf(current.get().object());
    switch (request.getMethod()) {
      case "GET":
        return ok(scale);
      case "PUT":
      case "PATCH":
        JsonNode change = read(request.getBody().getBytes());
        JsonNode wanted = "PUT".equals(request.getMethod()) ? change : JsonMergePatch.apply(scale, change);
        if (!wanted.path("spec").path("replicas").isInt()) {
          return Statuses.of(422, "Invalid", "spec.replicas: Required value");
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("spec").put("replicas", wanted.path("spec").path("replicas").asInt());
        // the client's resourceVersion, if it sent one, guards the write; otherwise the last write wins
        String clientVersion = change.path("metadata").path("resourceVersion").asText("");
        if (!clientVersion.isEmpty()) {
          patch.putObject("metadata").put("resourceVersion", clientVersion);
        }
        MockResponse updated = writes.handle(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH,
            Paths.withoutQuery(request.getPath()).replaceFirst("/scale$", ""),
            Headers.builder().add("Content-Type", "application/merge-patch+json").build(), new Buffer(bytes(patch))),
            objectCall);
        return updated.code() == 200 ? ok(scaleOf((ObjectNode) read(updated.getBody().getBytes()))) : updated;
      default:
        return Statuses.of(405, "MethodNotAllowed", request.getMethod() + " is not allowed on scale");
    }
  }

  private static ObjectNode scaleOf(ObjectNode object) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("apiVersion", "autoscaling/v1").put("kind", "Scale");
    JsonNode meta = object.path("metadata");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (meta.has(field)) {
        metadata.set(field, meta.get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    List<String> selector = new ArrayList<>();
    object.path("spec").path("selector").path("matchLabels").fields()
        .forEachRemaining(f -> selector.add(f.getKey() + "=" + f.getValue().asText()));
    scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0))
        .put("selector", String.join(",", selector));
    return scale;
  }

  private MockResponse ok(JsonNode body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(new String(bytes(body), java.nio.charset.StandardCharsets.UTF_8));
  }

  private JsonNode read(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
