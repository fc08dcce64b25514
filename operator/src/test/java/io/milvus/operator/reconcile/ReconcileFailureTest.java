package io.milvus.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import org.junit.jupiter.api.Test;

/** A failure that persists is told on the resource with what the API server said. */
class ReconcileFailureTest {

  @Test
  void anApiRefusalCarriesTheServersMessageAndCode() {
    KubernetesClientException refused = new KubernetesClientException(new StatusBuilder().withCode(422)
        .withMessage("Deployment.apps \"a-milvus-standalone\" is invalid: spec.selector: field is immutable").build());

    MilvusCondition condition = ReconcileFailure.condition(new IllegalStateException("apply failed", refused));

    assertThat(condition.getType()).isEqualTo("Reconciled");
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("ApiError");
    assertThat(condition.getMessage()).contains("HTTP 422", "spec.selector: field is immutable");
  }

  @Test
  void anyOtherFailureIsToldAsIs() {
    MilvusCondition condition = ReconcileFailure.condition(new IllegalStateException("no container named milvus"));

    assertThat(condition.getReason()).isEqualTo("ReconcileFailed");
    assertThat(condition.getMessage()).contains("no container named milvus");
  }
}
