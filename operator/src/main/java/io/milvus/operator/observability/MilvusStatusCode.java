package io.milvus.operator.observability;

import io.milvus.operator.api.MilvusPhase;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.Map;

/** The numbers upstream's {@code milvus_status} gauge uses, so dashboards and alerts written for it keep working. */
public enum MilvusStatusCode {
  PENDING(0), HEALTHY(1), UNHEALTHY(2), DELETING(3), STOPPED(4), MAINTAINING(5);

  /** Upstream's annotation for a Milvus an administrator is working on; it wins over the reported status. */
  public static final String MAINTAINING_ANNOTATION = "milvus.io/maintaining";

  private final int value;

  MilvusStatusCode(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static MilvusStatusCode of(Milvus milvus) {
    Map<String, String> annotations = milvus.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(MAINTAINING_ANNOTATION)) {
      return MAINTAINING;
    }
    if (milvus.getMetadata().getDeletionTimestamp() != null) {
      return DELETING;
    }
    String status = milvus.getStatus() == null ? null : milvus.getStatus().getStatus();
    return switch (MilvusPhase.of(status).orElse(MilvusPhase.PENDING)) {
      case HEALTHY -> HEALTHY;
      case UNHEALTHY -> UNHEALTHY;
      case DELETING -> DELETING;
      case STOPPED -> STOPPED;
      case PENDING -> PENDING;
    };
  }
}
