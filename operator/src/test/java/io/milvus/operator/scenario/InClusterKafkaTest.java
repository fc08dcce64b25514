package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An in-cluster Kafka shaped by the bitnami chart's values, and the Milvus that talks to it. */
class InClusterKafkaTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void aKafkaWithSaslClientsServesAMilvusThatLogsInAsItsFirstUser() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: sasl}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            msgStreamType: kafka
            kafka:
              inCluster:
                values:
                  replicaCount: 1
                  persistence: {enabled: false}
                  listeners: {client: {protocol: SASL_PLAINTEXT}}
                  sasl: {enabledMechanisms: PLAIN, client: {users: [milvus], passwords: [change-me]}}
        """);
    cluster.awaitStatus("sasl", "Healthy");

    StatefulSet kafka = cluster.ns().apps().statefulSets().withName("sasl-kafka").get();
    Container broker = kafka.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
        .isEqualTo("CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
    assertThat(kafka.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(cluster.ns().persistentVolumeClaims().withLabels(Labels.selector("sasl", "kafka")).list().getItems())
        .isEmpty();
    assertThat(cluster.ns().secrets().withName("sasl-kafka-user-passwords").get().getData())
        .containsKeys("client-passwords", "system-user-password");
    assertThat(cluster.ns().configMaps().withName(Names.configMap("sasl")).get().getData().get("user.yaml"))
        .contains("saslUsername: \"milvus\"", "securityProtocol: \"SASL_PLAINTEXT\"").doesNotContain("change-me");
    Deployment proxy = cluster.ns().apps().deployments().withName("sasl-milvus-proxy").get();
    EnvVar password = proxy.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("KAFKA_SASLPASSWORD")).findFirst().orElseThrow();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sasl-kafka-user-passwords");
    assertThat(cluster.get("sasl").getStatus().getIgnoredFields()).as("every Kafka value acted on").isNull();

    cluster.user.resources(Milvus.class).inNamespace("default").withName("sasl").patch(PatchContext.of(
        PatchType.JSON_MERGE), "{\"spec\":{\"dependencies\":{\"kafka\":{\"inCluster\":{\"values\":"
        + "{\"replicaCount\": 3}}}}}}");

    MilvusCondition valid = cluster.awaitCondition("sasl", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("replicaCount", "runs 1 broker(s)", "controller quorum");
    assertThat(cluster.ns().apps().statefulSets().withName("sasl-kafka").get().getSpec().getReplicas()).isEqualTo(1);
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElse(null);
  }
}
