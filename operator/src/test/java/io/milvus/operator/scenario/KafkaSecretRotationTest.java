package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user rotates the Kafka credentials in their own Secret, and the pods that read them at start are replaced, as a
 * config change replaces them, without a {@code kubectl rollout restart}; the credentials never show in an object.
 */
class KafkaSecretRotationTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void rotatingTheKafkaClientSecretReplacesTheMilvusPods() {
    cluster.ns().secrets().resource(secret("kafka-client", Map.of("username", "milvus", "password", "first-pass")))
        .create();
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: rotated}
        spec:
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            msgStreamType: kafka
            kafka: {external: true, brokerList: ['kafka.example.com:9092'], secretRef: kafka-client}
        """);
    cluster.awaitStatus("rotated", "Healthy");
    String before = secretsChecksum("rotated-milvus-standalone");
    Set<String> podsBefore = podNames("rotated", "standalone");
    assertThat(before).as("a digest, never a value").matches("[0-9a-f]{32}");

    cluster.ns().secrets().resource(secret("kafka-client", Map.of("username", "milvus", "password", "second-pass")))
        .update();

    await().atMost(OperatorHarness.PATIENCE).until(() -> !before.equals(secretsChecksum("rotated-milvus-standalone")));
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      Set<String> now = podNames("rotated", "standalone");
      assertThat(now).as("the pods were replaced").isNotEmpty().doesNotContainAnyElementsOf(podsBefore);
    });
    cluster.awaitStatus("rotated", "Healthy");
    assertThat(secretsChecksum("rotated-milvus-standalone")).doesNotContain("second-pass");
  }

  @Test
  void rotatingTheUsersSecretOfAnInClusterKafkaRestartsTheBrokersAndMilvus() {
    cluster.ns().secrets().resource(secret("kafka-users", Map.of("client-passwords", "one,two",
        "system-user-password", "one"))).create();
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: users}
        spec:
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            msgStreamType: kafka
            kafka:
              inCluster:
                values:
                  replicaCount: 1
                  persistence: {enabled: false}
                  listeners: {client: {protocol: SASL_PLAINTEXT}}
                  sasl: {enabledMechanisms: PLAIN, client: {users: [milvus, app]}, existingSecret: kafka-users}
        """);
    cluster.awaitStatus("users", "Healthy");
    String milvusBefore = secretsChecksum("users-milvus-standalone");
    String brokersBefore = brokerUsersChecksum("users-kafka");

    cluster.ns().secrets().resource(secret("kafka-users", Map.of("client-passwords", "three,four",
        "system-user-password", "three"))).update();

    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      assertThat(brokerUsersChecksum("users-kafka")).as("the brokers roll").isNotEqualTo(brokersBefore);
      assertThat(secretsChecksum("users-milvus-standalone")).as("Milvus rolls").isNotEqualTo(milvusBefore);
    });
    cluster.awaitStatus("users", "Healthy");
  }

  private static String secretsChecksum(String deployment) {
    Map<String, String> annotations = cluster.ns().apps().deployments().withName(deployment).get().getSpec()
        .getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ComponentDeployment.SECRETS_CHECKSUM);
  }

  private static String brokerUsersChecksum(String statefulSet) {
    return cluster.ns().apps().statefulSets().withName(statefulSet).get().getSpec().getTemplate().getMetadata()
        .getAnnotations().get("checksum/sasl-client-users");
  }

  private static Set<String> podNames(String milvus, String component) {
    List<Pod> pods = cluster.ns().pods().withLabels(Labels.selector(milvus, component)).list().getItems();
    return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  private static Secret secret(String name, Map<String, String> values) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> base64(e.getValue()))))
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
