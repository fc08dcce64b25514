package io.milvus.operator.kubesim;

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

/**
 * Routes a request: API discovery (which the mock lacks and kubectl needs) to {@link ApiDiscovery}, a path with a
 * canned expectation (the mock registers /version that way) to it, everything else to the CRUD store.
 */
final class SimDispatcher extends Dispatcher {

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
    MockResponse response = hasExpectation(request) ? expectations.dispatch(request) : crud.dispatch(request);
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      // clients such as kubectl ask for protobuf first and trust the header to say what came back
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static MockResponse notFound() {
    return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
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
