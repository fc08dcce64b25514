package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Queue;

/**
 * Routes a request to a canned expectation when one exists (the mock server registers its root paths and /version
 * that way), otherwise to the CRUD store. Same rule as fabric8's mixed dispatcher, but with our own CRUD store.
 */
final class SimDispatcher extends Dispatcher {

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
    if (hasExpectation(request)) {
      return expectations.dispatch(request);
    }
    return crud.dispatch(request);
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
