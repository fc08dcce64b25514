package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads of the store: an object, or a list selected by namespace, label selector (equality and set-based) and field
 * selector (any field: {@code kubectl describe} selects Events by {@code involvedObject.*}), in pages of
 * {@code limit} with a {@code continue} token; as the kind's {@code XList}, or as a {@code Table} with the kind's
 * columns (a CRD's printer columns, or the built-in ones) when the client asks {@code Accept: ...;as=Table}, which
 * is what {@code kubectl get} shows.
 */
final class ObjectReads {

  private final ObjectStore store;
  private final CrdCatalog crds;
  private final ObjectMapper json;
  private final Clock clock;
  private final WriteAdmission admission;

  ObjectReads(ObjectStore store, CrdCatalog crds, WriteAdmission admission, ObjectMapper json, Clock clock) {
    this.store = store;
    this.crds = crds;
    this.admission = admission;
    this.json = json;
    this.clock = clock;
  }

  /** The answer to a GET of an object or a list (not a watch). */
  MockResponse get(RecordedRequest request, ApiCallLog.ApiCall call) {
    if (call.subresource() != null && !"status".equals(call.subresource())) {
      return Statuses.notFound(); // a GET of /status answers the object, as Kubernetes does
    }
    if (call.name() != null) {
      Optional<StoredObject> object = store.get(ObjectWrites.kindOf(call), ObjectWrites.namespaceOf(call), call.name())
          .map(stored -> served(call, stored));
      if (object.isEmpty()) {
        return Statuses.notFound(call);
      }
      return wantsTable(request) ? ok(table(request, call, object.get().object())) : ok(object.get().json());
    }
    ObjectStore.Query query;
    ObjectStore.ObjectId after;
    int limit;
    try {
      query = query(call, request.getPath());
      after = continueAfter(Paths.queryParam(request.getPath(), "continue"));
      String rawLimit = Paths.queryParam(request.getPath(), "limit");
      limit = rawLimit == null || rawLimit.isEmpty() ? 0 : Integer.parseInt(rawLimit);
    } catch (IllegalArgumentException e) {
      return Statuses.of(400, "BadRequest", e.getMessage());
    }
    ObjectStore.Page stored = store.list(query, after, limit);
    Optional<CrdCatalog.Served> version = crds.served(call.group(), call.version(), call.resource());
    ObjectStore.Page page = new ObjectStore.Page(stored.resourceVersion(),
        stored.items().stream().map(item -> served(version, item)).toList(), stored.last());
    String continueToken = page.last() == null ? null : continueToken(page.last());
    if (wantsTable(request)) {
      ObjectNode list = json.createObjectNode();
      list.putObject("metadata").put("resourceVersion", String.valueOf(page.resourceVersion()));
      ArrayNode items = list.putArray("items");
      page.items().forEach(item -> items.add(item.object()));
      ObjectNode table = table(request, call, list);
      if (continueToken != null) {
        table.with("metadata").put("continue", continueToken);
      }
      return ok(table);
    }
    StringBuilder body = new StringBuilder(256 + page.items().size() * 2048);
    body.append("{\"apiVersion\":\"").append(apiVersion(call)).append("\",\"kind\":\"").append(listKind(call))
        .append("\",\"metadata\":{\"resourceVersion\":\"").append(page.resourceVersion()).append('"');
    if (continueToken != null) {
      body.append(",\"continue\":\"").append(continueToken).append('"');
    }
    body.append("},\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      body.append(i == 0 ? "" : ",").append(page.items().get(i).json());
    }
    return ok(body.append("]}").toString());
  }

  /**
   * The object as the API server serves it: a custom resource stored before its CRD last changed gets the CRD's
   * defaults, as the API server defaults what it reads from storage. Anything else is served as stored.
   */
  StoredObject served(ApiCallLog.ApiCall call, StoredObject object) {
    return served(crds.served(call.group(), call.version(), call.resource()), object);
  }

  private StoredObject served(Optional<CrdCatalog.Served> version, StoredObject object) {
    if (version.isEmpty() || version.get().changedAt() < object.resourceVersion()) {
      return object;
    }
    ObjectNode copy = object.mutableCopy();
    admission.applyReadDefaults(version.get().version(), copy);
    return copy.equals(object.object()) ? object
        : StoredObject.of(object.kind(), object.namespace(), object.name(), object.resourceVersion(), copy);
  }

  /** What a list, watch or delete-collection request selects; an unparsable selector is an IllegalArgumentException. */
  static ObjectStore.Query query(ApiCallLog.ApiCall call, String path) {
    String fieldSelector = Paths.queryParam(path, "fieldSelector");
    FieldSelector fields = fieldSelector == null || fieldSelector.isBlank() ? null : FieldSelector.parse(fieldSelector);
    return new ObjectStore.Query(ObjectWrites.kindOf(call), call.namespace(), call.name(),
        LabelSelector.parse(Paths.queryParam(path, "labelSelector")), fields);
  }

  /** The kind's list kind, e.g. {@code DeploymentList}; Kubernetes' typed clients refuse a generic {@code List}. */
  private String listKind(ApiCallLog.ApiCall call) {
    return ApiDiscovery.BUILT_IN.stream()
        .filter(r -> r.group().equals(call.group()) && r.plural().equals(call.resource()))
        .map(ApiDiscovery.Resource::kind).findFirst()
        .or(() -> crds.kind(call.group(), call.resource())).map(kind -> kind + "List").orElse("List");
  }

  private static String apiVersion(ApiCallLog.ApiCall call) {
    return call.group().isEmpty() ? call.version() : call.group() + "/" + call.version();
  }

  private ObjectNode table(RecordedRequest request, ApiCallLog.ApiCall call, JsonNode body) {
    return ServerSideTable.of(body, printer(call), Paths.queryParam(request.getPath(), "includeObject"),
        clock.instant());
  }

  TablePrinter printer(ApiCallLog.ApiCall call) {
    return crds.version(call.group(), call.version(), call.resource()).map(CrdTablePrinter::forVersion)
        .orElseGet(() -> BuiltinTablePrinters.forResource(call.group() == null ? "" : call.group(), call.resource()));
  }

  static boolean wantsTable(RecordedRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private static String continueToken(ObjectStore.ObjectId last) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((last.namespace() + "/" + last.name()).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectStore.ObjectId continueAfter(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    int slash = decoded.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("continue key is not valid: " + token);
    }
    return new ObjectStore.ObjectId(decoded.substring(0, slash), decoded.substring(slash + 1));
  }

  private MockResponse ok(JsonNode body) {
    try {
      return ok(json.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse ok(String body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
  }
}
