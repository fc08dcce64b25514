package io.milvus.operator.render;

import static io.milvus.operator.render.InClusterMinioRenderTest.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.TestMilvus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InClusterKafkaRenderTest {

  private static final String SASL = """
      mode: cluster
      dependencies:
        msgStreamType: kafka
        kafka:
          inCluster:
            values:
              replicaCount: 1
              listeners: {client: {protocol: SASL_PLAINTEXT}}
              sasl: {enabledMechanisms: PLAIN, client: {users: [milvus, app], passwords: "s3cret,other"}}
      """;

  @Test
  void withoutListenerValuesTheBrokersKeepTheOneListenerFormOfEarlierReleases() {
    Container broker = broker(InClusterKafka.render(kafkaWith("{}")));

    assertThat(env(broker, "KAFKA_LISTENERS")).contains("PLAINTEXT://:9092,CONTROLLER://:9093");
    assertThat(env(broker, "KAFKA_INTER_BROKER_LISTENER_NAME")).contains("PLAINTEXT");
    assertThat(env(broker, "KAFKA_SASL_ENABLED_MECHANISMS")).isEmpty();
  }

  @Test
  void aSaslClientListenerGetsTheChartsThreeListenersAndItsUsersFromTheirSecret() {
    RenderContext ctx = ctx(SASL);
    List<HasMetadata> objects = InClusterKafka.render(ctx);
    Container broker = broker(objects);

    assertThat(env(broker, "KAFKA_LISTENERS")).contains("CLIENT://:9092,INTERNAL://:9094,CONTROLLER://:9093");
    assertThat(env(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
        .contains("CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
    assertThat(env(broker, "KAFKA_INTER_BROKER_LISTENER_NAME")).contains("INTERNAL");
    assertThat(env(broker, "KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS")).contains("PLAIN");
    assertThat(env(broker, InClusterKafka.USERS_ENV)).contains("milvus,app");
    EnvVar passwords = broker.getEnv().stream().filter(e -> e.getName().equals(InClusterKafka.PASSWORDS_ENV))
        .findFirst().orElseThrow();
    assertThat(passwords.getValue()).as("never in the pod spec").isNull();
    assertThat(passwords.getValueFrom().getSecretKeyRef().getName()).isEqualTo("c-kafka-user-passwords");
    assertThat(broker.getCommand().get(2))
        .contains("KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG", "user_$u=")
        .contains("KAFKA_ADVERTISED_LISTENERS=CLIENT://${HOSTNAME}.c-kafka-headless.default:9092,"
            + "INTERNAL://${HOSTNAME}.c-kafka-headless.default:9094")
        .doesNotContain("s3cret");

    Secret secret = one(objects, Secret.class, "c-kafka-user-passwords");
    assertThat(decoded(secret, "client-passwords")).isEqualTo("s3cret,other");
    assertThat(decoded(secret, "system-user-password")).isEqualTo("s3cret");
    assertThat(one(objects, Service.class, "c-kafka").getSpec().getPorts()).extracting(ServicePort::getPort)
        .containsExactly(9092);
    assertThat(InClusterValues.refusals(ctx)).isEmpty();
  }

  @Test
  void milvusConnectsAsTheFirstClientUserWithThePasswordFromTheSecret() {
    RenderContext ctx = ctx(SASL);
    DesiredState desired = MilvusRenderer.render(ctx);

    Map<String, Object> config = MilvusConfig.render("c", "default", ctx.spec());
    assertThat(ConfigMaps.get(config, "kafka.brokerList")).isEqualTo("c-kafka.default:9092");
    assertThat(ConfigMaps.get(config, "kafka.securityProtocol")).isEqualTo("SASL_PLAINTEXT");
    assertThat(ConfigMaps.get(config, "kafka.saslMechanisms")).isEqualTo("PLAIN");
    assertThat(ConfigMaps.get(config, "kafka.saslUsername")).isEqualTo("milvus");
    assertThat(ConfigMaps.get(config, "kafka.saslPassword")).as("no credential in the ConfigMap").isNull();
    desired.deployments().values().forEach(d -> {
      EnvVar password = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
          .filter(e -> e.getName().equals("KAFKA_SASLPASSWORD")).findFirst().orElseThrow();
      assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("c-kafka-user-passwords");
      assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("system-user-password");
    });
  }

  @Test
  void theKeysOfTheChartUpstreamInstallsMeanTheSameAndAnExistingSecretIsReadAsItIs() {
    RenderContext ctx = kafkaWith("""
        {auth: {clientProtocol: sasl,
                sasl: {mechanisms: plain, jaas: {clientUsers: [milvus], existingSecret: my-kafka-passwords}}}}""");
    List<HasMetadata> objects = InClusterKafka.render(ctx);
    Container broker = broker(objects);

    assertThat(env(broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).contains(
        "CLIENT:SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
    assertThat(objects).noneMatch(o -> o instanceof Secret);
    assertThat(broker.getEnv()).filteredOn(e -> e.getName().equals(InClusterKafka.PASSWORDS_ENV))
        .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
            .isEqualTo("my-kafka-passwords"));
    assertThat(InClusterValues.refusals(ctx)).isEmpty();
    assertThat(InClusterValues.ignored(ctx)).isEmpty();
  }

  @Test
  void withoutPersistenceTheBrokersKeepTheirLogsInAnEmptyDir() {
    StatefulSet sts = one(InClusterKafka.render(kafkaWith("{persistence: {enabled: false}}")), StatefulSet.class,
        "c-kafka");

    assertThat(sts.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
  }

  @Test
  void listenersAndSaslTheOperatorCannotSetUpAreRefusedWithTheReason() {
    RenderContext ctx = kafkaWith("""
        {listeners: {client: {protocol: SASL_PLAINTEXT}, interbroker: {protocol: SASL_PLAINTEXT}},
         sasl: {enabledMechanisms: "PLAIN,SCRAM-SHA-256", client: {users: [a, b], passwords: [x]}}}""");

    assertThat(InClusterValues.refusals(ctx)).containsExactly(
        "spec.dependencies.kafka.inCluster.values.listeners.interbroker.protocol: the brokers' own interbroker"
            + " traffic stays inside the cluster on PLAINTEXT; SASL_PLAINTEXT cannot be set up",
        "spec.dependencies.kafka.inCluster.values.sasl.enabledMechanisms: only PLAIN can be set up (its users are the"
            + " listener's own), not SCRAM-SHA-256",
        "spec.dependencies.kafka.inCluster.values.sasl.client.passwords: 1 password(s) for 2 user(s) [a, b]");
    assertThat(InClusterValues.refusals(kafkaWith("{auth: {clientProtocol: sasl_tls}}"))).singleElement().asString().startsWith("spec.dependencies.kafka.inCluster.values.auth.clientProtocol:"
            + " the client listener can be PLAINTEXT or SASL_PLAINTEXT, not SASL_SSL");
  }

  private static Container broker(List<HasMetadata> objects) {
    return one(objects, StatefulSet.class, "c-kafka").getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Optional<String> env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
  }

  private static String decoded(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static RenderContext ctx(String spec) {
    return TestMilvus.context(TestMilvus.withSpec("c", spec));
  }

  /** A cluster whose in-cluster Kafka has these values (a YAML flow mapping). */
  private static RenderContext kafkaWith(String values) {
    return ctx("mode: cluster\ndependencies: {msgStreamType: kafka, kafka: {inCluster: {values: " + values + "}}}");
  }
}
