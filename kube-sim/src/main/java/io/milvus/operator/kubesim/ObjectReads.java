package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Reads the mock answers too simply for kubectl: field selectors on any field (the store only knows
 * {@code metadata.name/namespace}; {@code kubectl describe} selects Events by {@code involvedObject.*}), and
 * server-side printing: with {@code Accept: ...;as=Table;...} a list or object comes back as a {@code Table} with
 * the kind's columns (a CRD's printer columns, or the built-in ones), which is what {@code kubectl get} shows.
 */
final class ObjectReads {

  private final KubernetesCrudDispatcher store;
  private final CrdCatalog crds;
  private final ObjectMapper json;
  private final Clock clock;

  ObjectReads(KubernetesCrudDispatcher store, CrdCatalog crds, ObjectMapper json, Clock clock) {
    this.store = store;
    this.crds = crds;
    this.json = json;
    this.clock = clock;
  }

  /** True when this class must answer a GET (the store answers the others as they are). */
  static boolean handles(RecordedRequest request) {
    return wantsTable(request) || selector(request.getPath()) != null;
  }

  /** A GET of an object or list, filtered by field selector and printed as a Table as asked. */
  MockResponse get(RecordedRequest request, ApiCallLog.ApiCall call) {
    String path = request.getPath();
    FieldSelector selector = selector(path);
    MockResponse answer = store.handleGet(selector == null ? path : Paths.withoutQueryParam(path, "fieldSelector"));
    if (answer.code() != 200 || answer.getBody() == null) {
      return answer.code() == 404 && call.name() != null ? Statuses.notFound(call) : answer;
    }
    JsonNode body = read(answer.getBody().getBytes());
    if (selector != null && body.has("items")) {
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      body.get("items").forEach(item -> {
        if (selector.matches(item)) {
          kept.add(item);
        }
      });
      ((ObjectNode) body).set("items", kept);
    }
    if (wantsTable(request)) {
      body = ServerSideTable.of(body, printer(call), Paths.queryParam(path, "includeObject"), clock.instant());
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(write(body));
  }

  /**
   * How each event of a watch must be rewritten for this request: events whose object fails the field selector are
   * dropped (null), and objects become one-row Tables when the client asked for Tables ({@code kubectl get -w}).
   */
  UnaryOperator<String> watchEvents(RecordedRequest request, ApiCallLog.ApiCall call) {
    FieldSelector selector = selector(request.getPath());
    boolean table = wantsTable(request);
    if (selector == null && !table) {
      return UnaryOperator.identity();
    }
    TablePrinter printer = table ? printer(call) : null;
    String includeObject = Paths.queryParam(request.getPath(), "includeObject");
    return event -> {
      JsonNode node = read(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      JsonNode object = node.path("object");
      if (selector != null && object.isObject() && !selector.matches(object)) {
        return null;
      }
      if (table && object.isObject() && object.has("metadata")) {
        ((ObjectNode) node).set("object", ServerSideTable.of(object, printer, includeObject, clock.instant()));
      }
      return write(node);
    };
  }

  private TablePrinter printer(ApiCallLog.ApiCall call) {
    return crds.version(call.group(), call.version(), call.resource()).map(CrdTablePrinter::forVersion)
        .orElseGet(() -> BuiltinTablePrinters.forResource(call.group() == null ? "" : call.group(), call.resource()));
  }

  static boolean wantsTable(RecordedRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  /** The field selector when the store cannot apply it itself, else null. */
  private static FieldSelector selector(String path) {
    String raw = Paths.queryParam(path, "fieldSelector");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    FieldSelector selector = FieldSelector.parse(raw);
    return selector.needsFiltering() ? selector : null;
  }

  private JsonNode read(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable JSON from the store", e);
    }
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
