package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the mock gets wrong, done as Kubernetes does them:
 * <ul>
 *   <li>JSON merge patches (RFC 7386: lists are replaced; the mock merged them) and strategic merge patches
 *   (built-ins only, as in Kubernetes: a custom resource answers 415) are applied here to the stored object and
 *   stored as an update, retried on conflict unless the patch names a resourceVersion;</li>
 *   <li>custom resources are pruned by their CRD schema on create, update and patch, and the removed fields are
 *   reported as the API server does: a {@code Warning} header, or a 400 with {@code fieldValidation=Strict}.</li>
 * </ul>
 * Every write is shown to the {@link AdmissionHook} as the object it would store before the store sees it; JSON
 * patches are applied here for that, and everything the admission lets through goes to the CRUD store.
 */
final class ObjectWrites {

  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_PATCH = "application/strategic-merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final int ATTEMPTS = 5;

  private final KubernetesCrudDispatcher store;
  private final CrdCatalog crds;
  private final ObjectMapper json;
  private final AdmissionHook admission;

  ObjectWrites(KubernetesCrudDispatcher store, CrdCatalog crds, ObjectMapper json, WriteAdmission admission) {
    this.store = store;
    this.crds = crds;
    this.json = json;
    this.admission = new AdmissionHook(admission, store, crds, json);
  }

  /** The answer to a write this class handles, or null to let the store handle the request. */
  MockResponse handle(RecordedRequest request, ApiCallLog.ApiCall call) {
    String method = request.getMethod();
    boolean write = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    if (!write || call.group() == null || call.name() == null && !"POST".equals(method)) {
      return null;
    }
    Optional<JsonNode> crdVersion = crds.version(call.group(), call.version(), call.resource());
    String contentType = mediaType(request.getHeader("Content-Type"));
    boolean jsonPatch = JSON_PATCH.equals(contentType);
    if ("PATCH".equals(method) && (MERGE_PATCH.equals(contentType) || STRATEGIC_PATCH.equals(contentType) || jsonPatch)) {
      if (STRATEGIC_PATCH.equals(contentType) && crdVersion.isPresent()) {
        return Statuses.of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
            + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
            + "application/apply-patch+yaml");
      }
      return patchAsUpdate(request, call, contentType, crdVersion);
    }
    if ("POST".equals(method) || "PUT".equals(method)) {
      return prunedAndAdmitted(request, call, crdVersion);
    }
    return null;
  }

  private MockResponse patchAsUpdate(RecordedRequest request, ApiCallLog.ApiCall call, String contentType,
      Optional<JsonNode> crdVersion) {
    JsonNode patch;
    try {
      patch = json.readTree(request.getUtf8Body());
    } catch (IOException e) {
      return Statuses.of(400, "BadRequest", "the patch is not valid JSON: " + e.getMessage());
    }
    String path = Paths.withoutQuery(request.getPath());
    String objectPath = "status".equals(call.subresource()) ? path.substring(0, path.length() - "/status".length()) : path;
    boolean jsonPatch = JSON_PATCH.equals(contentType);
    boolean clientLocks = jsonPatch ? patch.findValuesAsText("path").contains("/metadata/resourceVersion")
        : patch.path("metadata").has("resourceVersion");
    MockResponse answer = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MockResponse current = store.handleGet(objectPath);
      if (current.code() != 200) {
        return Statuses.notFound(call);
      }
      ObjectNode stored = (ObjectNode) read(current);
      JsonNode updated;
      try {
        updated = jsonPatch ? JsonPatch.apply(patch, stored) : STRATEGIC_PATCH.equals(contentType)
            ? StrategicMergePatch.apply(stored, patch) : JsonMergePatch.apply(stored, patch);
      } catch (JsonPatchException | IllegalArgumentException e) {
        return Statuses.of(422, "Invalid", "the server rejected our request due to an error in our request: "
            + e.getMessage());
      }
      if (!(updated instanceof ObjectNode object)) {
        return Statuses.of(422, "Invalid", "the patch does not leave an object");
      }
      if (!clientLocks) {
        object.with("metadata").put("resourceVersion", stored.path("metadata").path("resourceVersion").asText());
      }
      List<String> unknown = crdVersion.map(v -> SchemaPruner.prune(object, schemaOf(v))).orElse(List.of());
      MockResponse refused = refuseIfStrict(request, call, unknown);
      if (refused != null) {
        return refused;
      }
      Optional<MockResponse> invalid = admission.refusal(call, objectPath, stored, object);
      if (invalid.isPresent()) {
        return invalid.get();
      }
      answer = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path, jsonHeaders(),
          new Buffer(bytes(object))));
      if (answer.code() != 409 || clientLocks) {
        return withWarnings(answer, unknown);
      }
    }
    return answer;
  }

  /** A POST or PUT: custom resources pruned by their schema, then admitted; built-ins go to the store as sent. */
  private MockResponse prunedAndAdmitted(RecordedRequest request, ApiCallLog.ApiCall call,
      Optional<JsonNode> crdVersion) {
    String sent = request.getUtf8Body(); // reading consumes the request's body: the store gets a copy
    JsonNode body;
    try {
      body = json.readTree(sent);
    } catch (IOException e) {
      return Statuses.of(400, "BadRequest", "the object is not valid JSON: " + e.getMessage());
    }
    if (!(body instanceof ObjectNode object)) {
      return store.dispatch(withBody(request, sent.getBytes(StandardCharsets.UTF_8)));
    }
    List<String> unknown = crdVersion.map(v -> SchemaPruner.prune(object, schemaOf(v))).orElse(List.of());
    MockResponse refused = refuseIfStrict(request, call, unknown);
    if (refused != null) {
      return refused;
    }
    String path = Paths.withoutQuery(request.getPath());
    String objectPath = "status".equals(call.subresource()) ? path.substring(0, path.length() - "/status".length())
        : "POST".equals(request.getMethod()) ? null : path;
    JsonNode stored = objectPath == null ? null : admission.stored(objectPath);
    Optional<MockResponse> invalid = admission.refusal(call, objectPath == null ? path : objectPath, stored, object);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    MockResponse answer = store.dispatch(withBody(request,
        crdVersion.isEmpty() ? sent.getBytes(StandardCharsets.UTF_8) : bytes(object)));
    return withWarnings(answer, unknown);
  }

  private static JsonNode schemaOf(JsonNode crdVersion) {
    return crdVersion.path("schema").path("openAPIV3Schema");
  }

  private static MockResponse refuseIfStrict(RecordedRequest request, ApiCallLog.ApiCall call, List<String> unknown) {
    if (unknown.isEmpty() || !"Strict".equalsIgnoreCase(Paths.queryParam(request.getPath(), "fieldValidation"))) {
      return null;
    }
    String fields = unknown.stream().map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", "));
    return Statuses.of(400, "BadRequest", "strict decoding error: " + fields + " (" + call.resource() + ")");
  }

  private static MockResponse withWarnings(MockResponse answer, List<String> unknown) {
    for (String field : unknown) {
      answer.addHeader("Warning", "299 - \"unknown field \\\"" + field + "\\\"\"");
    }
    return answer;
  }

  private JsonNode read(MockResponse response) {
    try {
      return json.readTree(response.getBody().getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable stored object", e);
    }
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RecordedRequest withBody(RecordedRequest request, byte[] body) {
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer(body));
  }

  private static Headers jsonHeaders() {
    return Headers.builder().add("Content-Type", "application/json").build();
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
