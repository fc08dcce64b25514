package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Error answers as the API server writes them: a {@code Status} object with code, reason and message. */
final class Statuses {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private Statuses() {
  }

  static MockResponse of(int code, String reason, String message) {
    Status status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
        .build();
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(JSON.asJson(status));
  }

  /** A Status as the answer, with its code. */
  static MockResponse of(Status status) {
    return new MockResponse().setResponseCode(status.getCode()).setHeader("Content-Type", "application/json")
        .setBody(JSON.asJson(status));
  }

  static MockResponse notFound() {
    return of(404, "NotFound", "the server could not find the requested resource");
  }

  /** As kubectl expects it to print {@code Error from server (NotFound): milvuses.milvus.io "x" not found}. */
  static MockResponse notFound(ApiCallLog.ApiCall call) {
    String resource = call.group() == null || call.group().isEmpty() ? call.resource() : call.resource() + "." + call.group();
    return of(404, "NotFound", resource + " \"" + call.name() + "\" not found");
  }
}
