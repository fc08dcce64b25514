package io.milvus.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

  private final KubernetesSerialization serialization =
      new KubernetesSerialization(new ObjectMapper().registerModule(SharedStrings.module()), true);

  @Test
  void twoPodsReadFromTheServerShareTheirRepeatedLabelValuesAndImages() {
    Pod first = serialization.unmarshal(pod("m1-milvus-standalone-0"), Pod.class);
    Pod second = serialization.unmarshal(pod("m1-milvus-standalone-1"), Pod.class);

    assertThat(second.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isEqualTo("milvus-operator").isSameAs(first.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertThat(second.getSpec().getContainers().get(0).getImage())
        .isSameAs(first.getSpec().getContainers().get(0).getImage());
    assertThat(second.getMetadata().getName()).isEqualTo("m1-milvus-standalone-1");
    assertThat(first.getMetadata().getName()).isEqualTo("m1-milvus-standalone-0");
  }

  @Test
  void longTextAndNonStringValuesReadAsUsual() {
    String config = "x".repeat(SharedStrings.MAX_SHARED_LENGTH + 1);
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"labels\":{\"n\":5}},"
        + "\"data\":{\"milvus.yaml\":\"" + config + "\"}}";

    var first = serialization.unmarshal(json, io.fabric8.kubernetes.api.model.ConfigMap.class);
    var second = serialization.unmarshal(json, io.fabric8.kubernetes.api.model.ConfigMap.class);

    assertThat(second.getData().get("milvus.yaml")).isEqualTo(config).isNotSameAs(first.getData().get("milvus.yaml"));
    assertThat(second.getMetadata().getLabels()).containsEntry("n", "5");
  }

  private static String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{"
        + "\"app.kubernetes.io/managed-by\":\"milvus-operator\",\"app.kubernetes.io/instance\":\"m1\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"standalone\",\"image\":\"milvusdb/milvus:v2.3.21\"}]}}";
  }
}
