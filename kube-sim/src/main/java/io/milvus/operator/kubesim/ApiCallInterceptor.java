package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/** Records every request a client sends (HTTP and websocket watches) into an {@link ApiCallLog}. */
final class ApiCallInterceptor implements Interceptor {

  static final String NAME = "kube-sim-api-call-log";

  private final ApiCallLog log;

  ApiCallInterceptor(ApiCallLog log) {
    this.log = log;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    log.record(ApiRequestPath.parse(request.method(), request.uri()), request::bodyString);
  }
}
