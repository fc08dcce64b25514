package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.status.Conditions;

/** An exception that keeps a reconcile from succeeding, told as the condition the user reads. */
final class ReconcileFailure {

  private ReconcileFailure() {}

  /** Reconciled False: the API server's own message and code when it refused a request, else the error. */
  static MilvusCondition condition(Exception e) {
    KubernetesClientException api = apiError(e);
    if (api != null) {
      String message = api.getStatus() != null && api.getStatus().getMessage() != null
          ? api.getStatus().getMessage() : api.getMessage();
      return Conditions.of(Conditions.RECONCILED, false, Conditions.REASON_API_ERROR,
          "The API server keeps refusing the operator's requests (HTTP " + api.getCode() + "): " + message
              + "; retrying");
    }
    return Conditions.of(Conditions.RECONCILED, false, Conditions.REASON_RECONCILE_FAILED,
        "Reconciling keeps failing: " + e + "; retrying");
  }

  private static KubernetesClientException apiError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return k;
      }
    }
    return null;
  }
}
