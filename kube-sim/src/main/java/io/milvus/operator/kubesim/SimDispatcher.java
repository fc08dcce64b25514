package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.milvus.operator.kubesim.faults.Faults;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request: the endpoints the mock lacks and kubectl needs (discovery, /version, OpenAPI v3) are answered
 * here, writes and reads the mock gets wrong go through {@link ObjectWrites} and {@link ObjectReads}, everything
 * else goes to the CRUD store as it is.
 */
final class SimDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SimDispatcher.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String VERSION = """
      {"major":"1","minor":"31","gitVersion":"v1.31.0-kube-sim","gitCommit":"kube-sim","gitTreeState":"clean",
      "buildDate":"2024-08-13T00:00:00Z","goVersion":"go1.22.5","compiler":"gc","platform":"linux/amd64"}""";

  /** How the store's lists begin. */
  private static final String GENERIC_LIST = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";

  private final BuiltinStatusCrudDispatcher store;
  private final CrdCatalog crds;
  private final ObjectWrites writes;
  private final ObjectReads reads;
  private final ScaleSubresource scale;
  private final Faults faults;

  SimDispatcher(BuiltinStatusCrudDispatcher store, Clock clock, WriteAdmission admission, Faults faults) {
    ObjectMapper json = new ObjectMapper();
    this.store = store;
    this.crds = new CrdCatalog(store::handleGet, json);
    this.writes = new ObjectWrites(store, crds, json, admission);
    this.reads = new ObjectReads(store, crds, json, clock);
    this.scale = new ScaleSubresource(store, json);
    this.faults = faults;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    return faults.around(request, () -> ApiRequestPath.parse(request.getMethod(), URI.create(request.getPath())),
        this::answer);
  }

  private MockResponse answer(RecordedRequest request) {
    MockResponse response;
    try {
      response = route(request);
    } catch (RuntimeException e) {
      // the mock throws on a patch that does not apply (e.g. a JSON patch removing a missing field) and would then
      // never answer; a real API server answers 422
      LOG.debug("kube-sim: {} {} failed: {}", request.getMethod(), request.getPath(), e.toString());
      return Statuses.of(422, "Invalid", e.getMessage());
    }
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      // clients such as kubectl ask for protobuf first and trust the header to say what came back
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private MockResponse route(RecordedRequest request) {
    String path = request.getPath();
    boolean get = "GET".equals(request.getMethod());
    if (get && ApiDiscovery.isDiscoveryPath(path)) {
      Object document = ApiDiscovery.document(path, typedCrds());
      return document == null ? Statuses.notFound() : json(SERIALIZATION.asJson(document));
    }
    if (get && Paths.withoutQuery(path).equals("/version")) {
      return json(VERSION);
    }
    if (get && OpenApiV3.isOpenApiV3Path(path)) {
      JsonNode document = OpenApiV3.document(path, ApiDiscovery.all(typedCrds()), r -> crds
          .version(r.group(), r.version(), r.plural()).map(v -> v.path("schema").path("openAPIV3Schema")).orElse(null));
      return document == null ? Statuses.notFound() : json(document.toString());
    }
    if (path.startsWith("/openapi/")) {
      return Statuses.notFound(); // no OpenAPI v2: kubectl uses v3 (above) to learn that the server validates
    }
    ApiCallLog.ApiCall call = ApiRequestPath.parse(request.getMethod(), URI.create(path));
    if (AccessReviews.handles(call)) {
      return AccessReviews.answer(request);
    }
    if (ScaleSubresource.handles(call)) {
      return scale.handle(request, call);
    }
    MockResponse written = writes.handle(request, call);
    if (written != null) {
      return written;
    }
    if (get && !isWatch(path) && call.group() != null) {
      MockResponse read = ObjectReads.handles(request) ? reads.get(request, call) : store.dispatch(request);
      return call.name() == null ? withListKind(read, call) : withNotFoundStatus(read, call);
    }
    return withNotFoundStatus(store.dispatch(request), call);
  }

  /** The store answers a missing object with an empty 404; kubectl then prints a vague "could not find" message. */
  private static MockResponse withNotFoundStatus(MockResponse response, ApiCallLog.ApiCall call) {
    boolean empty = response.getBody() == null || response.getBody().size() == 0;
    return response.code() == 404 && empty && call.name() != null && call.group() != null
        ? Statuses.notFound(call) : response;
  }

  /**
   * The store calls every list {@code v1 List}; Kubernetes says {@code apps/v1 DeploymentList}, and typed clients
   * (kubectl describe's Event search) refuse anything else.
   */
  private MockResponse withListKind(MockResponse list, ApiCallLog.ApiCall call) {
    if (list.code() != 200 || list.getBody() == null) {
      return list;
    }
    String body = new String(list.getBody().getBytes(), StandardCharsets.UTF_8);
    if (!body.startsWith(GENERIC_LIST)) {
      return list;
    }
    String kind = ApiDiscovery.BUILT_IN.stream()
        .filter(r -> r.group().equals(call.group()) && r.plural().equals(call.resource()))
        .map(ApiDiscovery.Resource::kind).findFirst()
        .or(() -> crds.kind(call.group(), call.resource())).orElse(null);
    if (kind == null) {
      return list;
    }
    String apiVersion = call.group().isEmpty() ? call.version() : call.group() + "/" + call.version();
    return list.setBody("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "List\","
        + body.substring(GENERIC_LIST.length()));
  }

  /** How the events of this watch request must be rewritten before they are sent (see {@link ObjectReads}). */
  UnaryOperator<String> watchEventRewriter(RecordedRequest request) {
    ApiCallLog.ApiCall call = ApiRequestPath.parse(request.getMethod(), URI.create(request.getPath()));
    return call.group() == null ? UnaryOperator.identity() : reads.watchEvents(request, call);
  }

  /**
   * What a watch from the request's resourceVersion missed: the kept changes after it, up to the latest one, which
   * live events must then be newer than. Without a resourceVersion (or "0") the store's replay of the existing
   * objects as ADDED is what Kubernetes sends too.
   */
  HttpWatchStream.Replay watchReplay(RecordedRequest request) {
    long from;
    try {
      String version = Paths.queryParam(request.getPath(), "resourceVersion");
      from = version == null || version.isEmpty() ? 0 : Long.parseLong(version);
    } catch (NumberFormatException e) {
      from = 0;
    }
    if (from <= 0) {
      return HttpWatchStream.Replay.NONE;
    }
    long to = store.latestChange();
    List<String> missed = store.changesBetween(request.getPath(), from, to);
    return missed == null ? HttpWatchStream.Replay.EXPIRED : new HttpWatchStream.Replay(missed, to);
  }

  private List<CustomResourceDefinition> typedCrds() {
    return crds.all().stream().map(crd -> SERIALIZATION.convertValue(crd, CustomResourceDefinition.class)).toList();
  }

  private static boolean isWatch(String path) {
    String watch = Paths.queryParam(path, "watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  private static MockResponse json(String body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
  }
}
