package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every write to the store, with Kubernetes' semantics: create (generateName, uid, creationTimestamp, generation 1),
 * update and the three patch types (optimistic concurrency on resourceVersion, generation bumped when anything but
 * metadata and status changes, no new version when nothing changes), the status subresource (writes to the object
 * keep its status, writes to /status change nothing else), delete (deletionTimestamp while finalizers remain; the
 * object goes when the last one is removed) and delete-collection. Custom resources are pruned by their CRD schema
 * and the removed fields reported: a {@code Warning} header, or a 400 with {@code fieldValidation=Strict}.
 *
 * <p>Each write computes the object it would store, passes it to the {@link WriteAdmission}, and stores it only if
 * admitted, all under the store's write lock so that no other write comes in between.
 */
final class ObjectWrites {

  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_PATCH = "application/strategic-merge-patch+json";
  private static final KubernetesSerialization SERIALIZATION = Serialization.KUBERNETES;
  /** The characters Kubernetes picks a generated name's suffix from. */
  private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

  /** group/resource of built-ins whose status is a subresource ("" is the core group). */
  private static final Set<String> BUILT_INS_WITH_STATUS = Set.of(
      "/pods", "/services", "/persistentvolumeclaims", "/persistentvolumes", "/nodes",
      "/replicationcontrollers", "/resourcequotas",
      "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets",
      "batch/jobs", "batch/cronjobs",
      "autoscaling/horizontalpodautoscalers", "policy/poddisruptionbudgets",
      "networking.k8s.io/ingresses", "apiextensions.k8s.io/customresourcedefinitions",
      "certificates.k8s.io/certificatesigningrequests", "storage.k8s.io/volumeattachments");

  private final ObjectStore store;
  private final CrdCatalog crds;
  private final WriteAdmission admission;
  private final ObjectMapper json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ObjectWrites(ObjectStore store, CrdCatalog crds, WriteAdmission admission, ObjectMapper json, Clock clock) {
    this.store = store;
    this.crds = crds;
    this.admission = admission;
    this.json = json;
    this.clock = clock;
  }

  /** Why a write is refused: the answer to send instead. */
  private static final class Refused extends RuntimeException {
    private final transient MockResponse answer;

    Refused(MockResponse answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  /** The answer to a write (POST, PUT, PATCH, DELETE) of an object or collection. */
  MockResponse handle(RecordedRequest request, ApiCallLog.ApiCall call) {
    try {
      return switch (request.getMethod()) {
        case "POST" -> isBinding(call) ? bind(request, call) : call.name() == null ? create(request, call) : unsupported(call);
        case "PUT" -> call.name() == null ? methodNotAllowed(request) : update(request, call);
        case "PATCH" -> call.name() == null ? methodNotAllowed(request) : patch(request, call);
        case "DELETE" -> call.name() == null ? deleteCollection(request, call) : delete(request, call);
        default -> methodNotAllowed(request);
      };
    } catch (Refused refused) {
      return refused.answer;
    }
  }

  // ---- create

  private MockResponse create(RecordedRequest request, ApiCallLog.ApiCall call) {
    ObjectNode object = body(request, "the object");
    validateBody(object);
    JsonNode metadata = object.get("metadata");
    String namespace = namespaceOf(call);
    String bodyNamespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
      throw refused(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on "
          + "the request");
    }
    if (!metadata.path("resourceVersion").asText("").isEmpty()) {
      throw refused(500, "InternalError", "resourceVersion should not be set on objects to be created");
    }
    List<String> unknown = prune(request, call, object);
    ObjectStore.Kind kind = kindOf(call);
    return withWarnings(store.write(() -> {
      ObjectNode meta = object.with("metadata");
      String name = meta.path("name").asText("");
      if (name.isEmpty()) {
        name = generatedName(kind, namespace, meta.path("generateName").asText());
        meta.put("name", name);
      }
      if (store.get(kind, namespace, name).isPresent()) {
        throw refused(alreadyExists(call, name));
      }
      if (!namespace.isEmpty()) {
        meta.put("namespace", namespace);
      }
      meta.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds"));
      meta.put("uid", UUID.randomUUID().toString());
      meta.put("creationTimestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      meta.put("generation", 1);
      if (hasStatusSubresource(call)) {
        object.remove("status");
      }
      applyDefaults(WriteAdmission.WriteRequest.Operation.CREATE, call, name, null, object);
      admit(WriteAdmission.WriteRequest.Operation.CREATE, call, name, null, object);
      return created(store.put(kind, namespace, name, object));
    }), unknown);
  }

  private String generatedName(ObjectStore.Kind kind, String namespace, String prefix) {
    while (true) {
      StringBuilder name = new StringBuilder(prefix);
      for (int i = 0; i < 5; i++) {
        name.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
      }
      if (store.get(kind, namespace, name.toString()).isEmpty()) {
        return name.toString();
      }
    }
  }

  // ---- binding (the scheduler's way to set a pod's node: an update may not change it)

  private static boolean isBinding(ApiCallLog.ApiCall call) {
    boolean core = call.group() != null && call.group().isEmpty();
    return core && ("bindings".equals(call.resource()) && call.name() == null
        || "pods".equals(call.resource()) && "binding".equals(call.subresource()));
  }

  /** POST of a Binding to {@code pods/NAME/binding} or {@code bindings}: sets the pod's node once. */
  private MockResponse bind(RecordedRequest request, ApiCallLog.ApiCall call) {
    ObjectNode binding = body(request, "the binding");
    String pod = call.name() != null ? call.name() : binding.path("metadata").path("name").asText("");
    String node = binding.path("target").path("name").asText("");
    if (node.isEmpty()) {
      throw refused(422, "Invalid", "Binding.meta.k8s.io \"" + pod + "\" is invalid: target.name: Required value");
    }
    ObjectStore.Kind pods = new ObjectStore.Kind("", "pods");
    String namespace = namespaceOf(call);
    return store.write(() -> {
      StoredObject current = store.get(pods, namespace, pod)
          .orElseThrow(() -> refused(404, "NotFound", "pods \"" + pod + "\" not found"));
      String assigned = current.object().path("spec").path("nodeName").asText("");
      if (!assigned.isEmpty()) {
        throw refused(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + pod + "\": pod " + pod
            + " is already assigned to node \"" + assigned + "\"");
      }
      ObjectNode bound = current.mutableCopy();
      bound.with("spec").put("nodeName", node);
      store.put(pods, namespace, pod, bound);
      return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}");
    });
  }

  // ---- update and patch

  private MockResponse update(RecordedRequest request, ApiCallLog.ApiCall call) {
    ObjectNode wanted = body(request, "the object");
    validateBody(wanted);
    List<String> unknown = prune(request, call, wanted);
    return withWarnings(change(call, current -> wanted), unknown);
  }

  private MockResponse patch(RecordedRequest request, ApiCallLog.ApiCall call) {
    String type = mediaType(request.getHeader("Content-Type"));
    JsonNode patch;
    try {
      patch = json.readTree(request.getBody().getBytes());
    } catch (IOException e) {
      throw refused(400, "BadRequest", "the patch is not valid JSON: " + e.getMessage());
    }
    boolean custom = crdVersion(call).isPresent();
    Function<ObjectNode, JsonNode> apply = switch (type) {
      case JSON_PATCH -> current -> JsonPatch.apply(patch, current);
      case MERGE_PATCH -> current -> JsonMergePatch.apply(current, patch);
      case STRATEGIC_PATCH -> {
        if (custom) {
          throw refused(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
              + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
              + "application/apply-patch+yaml");
        }
        yield current -> StrategicMergePatch.apply(current, patch);
      }
      default -> throw refused(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json"
          + (custom ? "" : ", application/strategic-merge-patch+json"));
    };
    List<String> unknown = new ArrayList<>();
    MockResponse answer = change(call, current -> {
      JsonNode patched;
      try {
        patched = apply.apply(current.mutableCopy());
      } catch (RuntimeException e) {
        throw refused(422, "Invalid", e.getMessage());
      }
      if (!(patched instanceof ObjectNode object)) {
        throw refused(422, "Invalid", "the patch does not leave an object");
      }
      // the patched copy keeps the stored resourceVersion unless the patch names one: then that one must match
      unknown.addAll(prune(request, call, object));
      return object;
    });
    return withWarnings(answer, unknown);
  }

  /**
   * Replaces the stored object with what {@code wanted} makes of it, keeping what a client cannot change: the
   * status (or, on /status, everything else), uid, creationTimestamp, deletionTimestamp and generation (bumped when
   * the object beyond metadata and status changes).
   */
  private MockResponse change(ApiCallLog.ApiCall call, Function<StoredObject, ObjectNode> wanted) {
    ObjectStore.Kind kind = kindOf(call);
    String namespace = namespaceOf(call);
    boolean statusWrite = "status".equals(call.subresource());
    if (call.subresource() != null && !statusWrite || statusWrite && !hasStatusSubresource(call)) {
      return unsupported(call);
    }
    return store.write(() -> {
      StoredObject current = store.get(kind, namespace, call.name())
          .orElseThrow(() -> refused(Statuses.notFound(call)));
      ObjectNode requested = wanted.apply(current);
      JsonNode meta = requested.path("metadata");
      String name = meta.path("name").asText("");
      if (!name.isEmpty() && !name.equals(call.name())) {
        throw refused(400, "BadRequest", "the name of the object (" + name + ") does not match the name on the URL ("
            + call.name() + ")");
      }
      String bodyNamespace = meta.path("namespace").asText("");
      if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
        throw refused(400, "BadRequest", "the namespace of the object (" + bodyNamespace + ") does not match the "
            + "namespace on the URL (" + namespace + ")");
      }
      String lockedTo = meta.path("resourceVersion").asText("");
      if (!lockedTo.isEmpty() && !lockedTo.equals(current.metadata().path("resourceVersion").asText())) {
        throw refused(conflict(call));
      }
      ObjectNode result;
      if (statusWrite) {
        result = current.mutableCopy();
        setOrRemove(result, "status", requested.get("status"));
        applyDefaults(WriteAdmission.WriteRequest.Operation.UPDATE, call, call.name(), current.object(), result);
      } else {
        result = requested;
        if (hasStatusSubresource(call)) {
          setOrRemove(result, "status", current.object().get("status"));
        }
        keepSystemMetadata(current.object(), result);
        // decoding a body defaults it: a defaulted field the client left out is no change
        applyDefaults(WriteAdmission.WriteRequest.Operation.UPDATE, call, call.name(), current.object(), result);
        if (specChanged(current.object(), result)) {
          result.with("metadata").put("generation", current.metadata().path("generation").asLong(0) + 1);
        }
      }
      result.with("metadata").put("resourceVersion", current.metadata().path("resourceVersion").asText());
      if (result.equals(current.object())) {
        return ok(current); // nothing changes: no new version, no event
      }
      admit(WriteAdmission.WriteRequest.Operation.UPDATE, call, call.name(), current.object(), result);
      if (result.path("metadata").has("deletionTimestamp") && finalizers(result).isEmpty()) {
        return ok(store.remove(current)); // the last finalizer is gone: the object goes
      }
      return ok(store.put(kind, namespace, call.name(), result));
    });
  }

  private static void keepSystemMetadata(ObjectNode current, ObjectNode result) {
    ObjectNode meta = result.with("metadata");
    JsonNode was = current.path("metadata");
    for (String field : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp",
        "deletionGracePeriodSeconds", "namespace")) {
      setOrRemove(meta, field, was.get(field));
    }
    if (!meta.has("generateName") && was.has("generateName")) {
      meta.set("generateName", was.get("generateName"));
    }
  }

  /** Whether anything but metadata and status differs (compared in place: copies of whole objects cost more). */
  private static boolean specChanged(ObjectNode current, ObjectNode result) {
    Set<String> fields = new java.util.HashSet<>();
    current.fieldNames().forEachRemaining(fields::add);
    result.fieldNames().forEachRemaining(fields::add);
    fields.remove("metadata");
    fields.remove("status");
    return fields.stream().anyMatch(f -> !java.util.Objects.equals(current.get(f), result.get(f)));
  }

  // ---- delete

  private MockResponse delete(RecordedRequest request, ApiCallLog.ApiCall call) {
    if (call.subresource() != null) {
      return unsupported(call);
    }
    JsonNode options = optionalBody(request);
    ObjectStore.Kind kind = kindOf(call);
    String namespace = namespaceOf(call);
    return store.write(() -> {
      StoredObject current = store.get(kind, namespace, call.name())
          .orElseThrow(() -> refused(Statuses.notFound(call)));
      checkPreconditions(call, options.path("preconditions"), current);
      return ok(deleteLocked(call, current));
    });
  }

  /** Deletes, or marks for deletion while finalizers remain; returns what the client is answered. */
  private StoredObject deleteLocked(ApiCallLog.ApiCall call, StoredObject current) {
    if (finalizers(current.object()).isEmpty()) {
      admit(WriteAdmission.WriteRequest.Operation.DELETE, call, current.name(), current.object(), null);
      return store.remove(current);
    }
    if (current.metadata().has("deletionTimestamp")) {
      return current; // already being deleted: waiting for its finalizers
    }
    ObjectNode marked = current.mutableCopy();
    marked.with("metadata").put("deletionTimestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
        .put("deletionGracePeriodSeconds", 0);
    admit(WriteAdmission.WriteRequest.Operation.DELETE, call, current.name(), current.object(), marked);
    return store.put(current.kind(), current.namespace(), current.name(), marked);
  }

  private MockResponse deleteCollection(RecordedRequest request, ApiCallLog.ApiCall call) {
    ObjectStore.Query query;
    try {
      query = ObjectReads.query(call, request.getPath());
    } catch (IllegalArgumentException e) {
      return Statuses.of(400, "BadRequest", e.getMessage());
    }
    List<StoredObject> deleted = store.write(() -> {
      List<StoredObject> answers = new ArrayList<>();
      for (StoredObject object : store.list(query, null, 0).items()) {
        answers.add(deleteLocked(call, object));
      }
      return answers;
    });
    ObjectNode list = json.createObjectNode();
    list.put("apiVersion", "v1").put("kind", "List").putObject("metadata")
        .put("resourceVersion", String.valueOf(store.resourceVersion()));
    ArrayNode items = list.putArray("items");
    deleted.forEach(object -> items.add(object.object()));
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(list.toString());
  }

  private void checkPreconditions(ApiCallLog.ApiCall call, JsonNode preconditions, StoredObject current) {
    String uid = preconditions.path("uid").asText("");
    String actualUid = current.metadata().path("uid").asText();
    if (!uid.isEmpty() && !uid.equals(actualUid)) {
      throw refused(409, "Conflict", "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
          + actualUid);
    }
    String version = preconditions.path("resourceVersion").asText("");
    String actualVersion = current.metadata().path("resourceVersion").asText();
    if (!version.isEmpty() && !version.equals(actualVersion)) {
      throw refused(409, "Conflict", "Precondition failed: ResourceVersion in precondition: " + version
          + ", ResourceVersion in object meta: " + actualVersion);
    }
  }

  // ---- admission

  private void applyDefaults(WriteAdmission.WriteRequest.Operation operation, ApiCallLog.ApiCall call, String name,
      JsonNode oldObject, ObjectNode newObject) {
    WriteAdmission.WriteRequest request = new WriteAdmission.WriteRequest(operation, call.group(), call.version(),
        call.resource(), call.subresource(), call.namespace(), name, oldObject, newObject);
    admission.applyDefaults(request, lookup, newObject);
  }

  /** The store as admission reads it. */
  private final WriteAdmission.ObjectLookup lookup = new WriteAdmission.ObjectLookup() {
    @Override
    public Optional<JsonNode> get(String group, String resource, String namespace, String objectName) {
      return store.get(new ObjectStore.Kind(group, resource), namespace == null ? "" : namespace, objectName)
          .map(StoredObject::object);
    }

    @Override
    public List<JsonNode> list(String group, String resource, String namespace) {
      ObjectStore.Query all = new ObjectStore.Query(new ObjectStore.Kind(group, resource), namespace, null,
          LabelSelector.EVERYTHING, null);
      return store.list(all, null, 0).items().stream().map(o -> (JsonNode) o.object()).toList();
    }
  };

  private void admit(WriteAdmission.WriteRequest.Operation operation, ApiCallLog.ApiCall call, String name,
      JsonNode oldObject, JsonNode newObject) {
    WriteAdmission.WriteRequest request = new WriteAdmission.WriteRequest(operation, call.group(), call.version(),
        call.resource(), call.subresource(), call.namespace(), name, oldObject, newObject);
    Optional<Status> refusal = admission.admit(request, lookup);
    if (refusal.isPresent()) {
      Status status = refusal.get();
      int code = status.getCode() == null ? 422 : status.getCode();
      throw refused(new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
          .setBody(SERIALIZATION.asJson(status)));
    }
  }

  // ---- helpers

  boolean hasStatusSubresource(ApiCallLog.ApiCall call) {
    return BUILT_INS_WITH_STATUS.contains(call.group() + "/" + call.resource())
        || crdVersion(call).map(v -> v.path("subresources").has("status")).orElse(false);
  }

  private Optional<JsonNode> crdVersion(ApiCallLog.ApiCall call) {
    return crds.version(call.group(), call.version(), call.resource());
  }

  private List<String> prune(RecordedRequest request, ApiCallLog.ApiCall call, ObjectNode object) {
    Optional<JsonNode> version = crdVersion(call);
    if (version.isEmpty()) {
      return List.of();
    }
    List<String> unknown = SchemaPruner.prune(object, version.get().path("schema").path("openAPIV3Schema"));
    if (!unknown.isEmpty() && "Strict".equalsIgnoreCase(Paths.queryParam(request.getPath(), "fieldValidation"))) {
      String fields = unknown.stream().map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", "));
      throw refused(400, "BadRequest", "strict decoding error: " + fields + " (" + call.resource() + ")");
    }
    return unknown;
  }

  private static void validateBody(ObjectNode object) {
    String kind = object.path("kind").asText("");
    if (kind.isEmpty()) {
      throw refused(400, "BadRequest", "Object 'Kind' is missing in the request body");
    }
    if (object.path("apiVersion").asText("").isEmpty()) {
      throw refused(400, "BadRequest", "Object 'apiVersion' is missing in the request body");
    }
    JsonNode metadata = object.path("metadata");
    if (!metadata.isObject()
        || metadata.path("name").asText("").isEmpty() && metadata.path("generateName").asText("").isEmpty()) {
      throw refused(422, "Invalid", kind + " is invalid: metadata.name: Required value: name or generateName is "
          + "required");
    }
  }

  private ObjectNode body(RecordedRequest request, String what) {
    try {
      JsonNode body = json.readTree(request.getBody().getBytes());
      if (body instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      throw refused(400, "BadRequest", what + " is not valid JSON: " + e.getMessage());
    }
    throw refused(400, "BadRequest", what + " is not a JSON object");
  }

  private JsonNode optionalBody(RecordedRequest request) {
    try {
      byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (IOException e) {
      throw refused(400, "BadRequest", "the delete options are not valid JSON: " + e.getMessage());
    }
  }

  private static List<String> finalizers(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.path("metadata").path("finalizers").forEach(f -> names.add(f.asText()));
    return names;
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      object.remove(field);
    } else {
      object.set(field, value.deepCopy());
    }
  }

  static ObjectStore.Kind kindOf(ApiCallLog.ApiCall call) {
    return new ObjectStore.Kind(call.group(), call.resource());
  }

  static String namespaceOf(ApiCallLog.ApiCall call) {
    return call.namespace() == null ? "" : call.namespace();
  }

  private static String qualified(ApiCallLog.ApiCall call) {
    return call.group().isEmpty() ? call.resource() : call.resource() + "." + call.group();
  }

  private static MockResponse alreadyExists(ApiCallLog.ApiCall call, String name) {
    return Statuses.of(409, "AlreadyExists", qualified(call) + " \"" + name + "\" already exists");
  }

  private static MockResponse conflict(ApiCallLog.ApiCall call) {
    return Statuses.of(409, "Conflict", "Operation cannot be fulfilled on " + qualified(call) + " \"" + call.name()
        + "\": the object has been modified; please apply your changes to the latest version and try again");
  }

  private static MockResponse unsupported(ApiCallLog.ApiCall call) {
    return Statuses.of(404, "NotFound", "the server could not find the requested resource");
  }

  private static MockResponse methodNotAllowed(RecordedRequest request) {
    return Statuses.of(405, "MethodNotAllowed", request.getMethod() + " is not supported here");
  }

  private static Refused refused(int code, String reason, String message) {
    return new Refused(Statuses.of(code, reason, message));
  }

  private static Refused refused(MockResponse answer) {
    return new Refused(answer);
  }

  private static MockResponse ok(StoredObject object) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(object.json());
  }

  private static MockResponse created(StoredObject object) {
    return ok(object).setResponseCode(201);
  }

  private static MockResponse withWarnings(MockResponse answer, List<String> unknown) {
    for (String field : unknown) {
      answer.addHeader("Warning", "299 - \"unknown field \\\"" + field + "\\\"\"");
    }
    return answer;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return JSON_PATCH;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
