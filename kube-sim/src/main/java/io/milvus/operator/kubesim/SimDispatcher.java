package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request: API discovery (which the mock lacks and kubectl needs) to {@link ApiDiscovery}, a path with a
 * canned expectation (the mock registers /version that way) to it, everything else to the CRUD store.
 */
final class SimDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SimDispatcher.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Map<ServerRequest, Queue<ServerResponse>> responses;
  private final MockDispatcher expectations;
  private final BuiltinStatusCrudDispatcher crud;

  SimDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses, BuiltinStatusCrudDispatcher crud) {
    this.responses = responses;
    this.expectations = new MockDispatcher(responses);
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if ("GET".equals(request.getMethod()) && ApiDiscovery.isDiscoveryPath(path)) {
      return discovery(path);
    }
    if (path.startsWith("/openapi/")) {
      return notFound(); // no schemas: kubectl needs --validate=false
    }
    MockResponse response;
    try {
      response = hasExpectation(request) ? expectations.dispatch(request) : crud.dispatch(request);
    } catch (RuntimeException e) {
      // the mock throws on a patch that does not apply (e.g. a JSON patch removing a missing field) and would then
      // never answer; a real API server answers 422
      LOG.debug("kube-sim: {} {} failed: {}", request.getMethod(), path, e.toString());
      return status(422, "Invalid", e.getMessage());
    }
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      // clients such as kubectl ask for protobuf first and trust the header to say what came back
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static MockResponse notFound() {
    return status(404, "NotFound", "the server could not find the requested resource");
  }

  private static MockResponse status(int code, String reason, String message) {
    Status status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(SERIALIZATION.asJson(status));
  }

  /** Discovery from the built-in table and the CRDs in the store, read in place (no request, no lock held). */
  private MockResponse discovery(String path) {
    MockResponse stored = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    List<CustomResourceDefinition> crds = List.of();
    if (stored.code() == 200 && stored.getBody() != null) {
      crds = SERIALIZATION.unmarshal(new String(stored.getBody().getBytes(), StandardCharsets.UTF_8),
          CustomResourceDefinitionList.class).getItems();
    }
    Object document = ApiDiscovery.document(path, crds);
    if (document == null) {
      return notFound();
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(SERIALIZATION.asJson(document));
  }

  private boolean hasExpectation(RecordedRequest request) {
    HttpMethod method;
    try {
      method = HttpMethod.valueOf(request.getMethod());
    } catch (IllegalArgumentException unknownMethod) {
      return false;
    }
    Queue<ServerResponse> canned = responses.get(new SimpleRequest(method, request.getPath()));
    return canned != null && !canned.isEmpty();
  }
}
