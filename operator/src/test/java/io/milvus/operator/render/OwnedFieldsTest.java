package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Only what the operator sets counts as drift: what the server or others add never does. */
class OwnedFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String DESIRED = """
      {"metadata": {"name": "a", "labels": {"app": "milvus"}, "annotations": {"milvus.io/desired-hash": "h"}},
       "spec": {"replicas": 1,
        "template": {"metadata": {"annotations": {"checksum/config": "c"}},
         "spec": {"containers": [{"name": "milvus", "image": "milvusdb/milvus:v2.4.23",
          "resources": {"limits": {"cpu": "1", "memory": "2Gi"}}, "args": ["milvus", "run", "standalone"]}],
          "volumes": []}}}}
      """;

  @Test
  void whatTheServerAndOthersAddIsNotDrift() throws Exception {
    JsonNode live = tree("""
        {"metadata": {"name": "a", "uid": "u", "resourceVersion": "7", "generation": 3,
          "labels": {"app": "milvus", "team": "search"},
          "annotations": {"milvus.io/desired-hash": "h", "deployment.kubernetes.io/revision": "2"}},
         "spec": {"replicas": 1, "progressDeadlineSeconds": 600, "revisionHistoryLimit": 10,
          "template": {"metadata": {"annotations": {"checksum/config": "c",
            "kubectl.kubernetes.io/restartedAt": "2026-12-07T10:00:00Z"}},
           "spec": {"containers": [
             {"name": "istio-proxy", "image": "istio/proxyv2"},
             {"name": "milvus", "image": "milvusdb/milvus:v2.4.23", "terminationMessagePath": "/dev/termination-log",
              "resources": {"limits": {"cpu": "1000m", "memory": "2Gi"}}, "args": ["milvus", "run", "standalone"]}],
            "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"}}},
         "status": {"replicas": 1}}
        """);

    assertThat(OwnedFields.differences(tree(DESIRED), live)).isEmpty();
  }

  @Test
  void ownedFieldsChangedByHandAreDrift() throws Exception {
    JsonNode live = tree(DESIRED.replace("milvusdb/milvus:v2.4.23", "someone/else:1").replace("\"replicas\": 1",
        "\"replicas\": 3").replace("\"run\", \"standalone\"", "\"run\", \"proxy\""));

    assertThat(OwnedFields.differences(tree(DESIRED), live)).containsExactly("spec.replicas",
        "spec.template.spec.containers[milvus].image", "spec.template.spec.containers[milvus].args[2]");
  }

  @Test
  void aMissingNamedElementOrFieldIsDrift() throws Exception {
    JsonNode live = tree(DESIRED.replace("\"name\": \"milvus\"", "\"name\": \"other\"")
        .replace(", \"annotations\": {\"milvus.io/desired-hash\": \"h\"}", ""));

    assertThat(OwnedFields.differences(tree(DESIRED), live)).containsExactly("metadata.annotations",
        "spec.template.spec.containers[milvus]");
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }
}
