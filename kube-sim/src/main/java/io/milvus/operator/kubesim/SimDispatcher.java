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
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's single entry point: every request passes {@link #dispatch}. The endpoints kubectl needs besides
 * objects (discovery, /version, OpenAPI v3) are answered here; objects are read through {@link ObjectReads},
 * written through {@link ObjectWrites} (which every write's {@link WriteAdmission} check is part of) and watched
 * through {@link ObjectWatches}, all on kube-sim's {@link ObjectStore}.
 */
final class SimDispatcher extends Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimDispatcher.class);
  private static final KubernetesSerialization SERIALIZATION = Serialization.KUBERNETES;
  private static final String VERSION = """
      {"major":"1","minor":"31","gitVersion":"v1.31.0-kube-sim","gitCommit":"kube-sim","gitTreeState":"clean",
      "buildDate":"2024-08-13T00:00:00Z","goVersion":"go1.22.5","compiler":"gc","platform":"linux/amd64"}""";

  private final CrdCatalog crds;
  private final ObjectWrites writes;
  private final ObjectReads reads;
  private final ObjectWatches watches;
  private final ScaleSubresource scale;
  private final Faults faults;

  SimDispatcher(ObjectStore store, WriteAdmission admission, Clock clock, Faults faults) {
    ObjectMapper json = Serialization.PLAIN;
    this.crds = new CrdCatalog(store);
    this.writes = new ObjectWrites(store, crds, admission, json, clock);
    this.reads = new ObjectReads(store, crds, admission, json, clock);
    this.watches = new ObjectWatches(store, reads, json, clock);
    this.scale = new ScaleSubresource(store, writes, json);
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
      LOG.warn("kube-sim: {} {} failed", request.getMethod(), request.getPath(), e);
      return Statuses.of(500, "InternalError", "kube-sim failed: " + e);
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
    if (call.group() == null || call.resource().isEmpty()) {
      return Statuses.notFound();
    }
    if (AccessReviews.handles(call)) {
      return AccessReviews.answer(request);
    }
    if (ScaleSubresource.handles(call)) {
      return scale.handle(request, call);
    }
    return switch (call.verb()) {
      case "watch" -> watches.watch(request, call);
      case "get", "list" -> reads.get(request, call);
      default -> writes.handle(request, call);
    };
  }

  private List<CustomResourceDefinition> typedCrds() {
    return crds.all().stream().map(crd -> SERIALIZATION.convertValue(crd, CustomResourceDefinition.class)).toList();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Override
  public void close() {
    watches.close();
  }
}
