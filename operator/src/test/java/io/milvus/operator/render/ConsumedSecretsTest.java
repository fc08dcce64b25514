package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.render.ConsumedSecrets.Read;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which of the user's Secrets pods read at start, and a digest that changes with their values and never shows one. */
class ConsumedSecretsTest {

  static final RenderContext CLIENT = TestMilvus.context(TestMilvus.withSpec("m", """
      components: {image: milvusdb/milvus:v2.5.16}
      dependencies:
        msgStreamType: kafka
        kafka: {external: true, brokerList: ['k:9092'], secretRef: kafka-client}
      """));
  static final RenderContext USERS = TestMilvus.context(TestMilvus.withSpec("m", """
      components: {image: milvusdb/milvus:v2.5.16}
      dependencies:
        msgStreamType: kafka
        kafka:
          inCluster:
            values:
              listeners: {client: {protocol: SASL_PLAINTEXT}}
              sasl: {client: {users: [milvus]}, existingSecret: kafka-users}
      """));

  @Test
  void milvusReadsTheKafkaClientSecretsCredentialsAndCa() {
    assertThat(ConsumedSecrets.byMilvus(CLIENT)).containsExactly(
        new Read("kafka-client", List.of("username", "password", "ca.pem")));
    assertThat(ConsumedSecrets.byBrokers(CLIENT)).isEmpty();
  }

  @Test
  void anInClusterKafkasUsersSecretIsReadByTheBrokersAndByMilvus() {
    assertThat(ConsumedSecrets.byMilvus(USERS)).containsExactly(
        new Read("kafka-users", List.of("system-user-password")));
    assertThat(ConsumedSecrets.byBrokers(USERS)).containsExactly(
        new Read("kafka-users", List.of("client-passwords")));
  }

  @Test
  void aMilvusReadingNoSecretOfTheUsersHasNoDigest() {
    RenderContext plain = TestMilvus.context(TestMilvus.withSpec("m", "components: {image: milvusdb/milvus:v2.5.16}"));

    assertThat(ConsumedSecrets.byMilvus(plain)).isEmpty();
    assertThat(ConsumedSecrets.digest(ConsumedSecrets.byMilvus(plain), name -> Optional.empty())).isNull();
  }

  @Test
  void theDigestChangesWithAValueReadAndOnlyWithSuch() {
    List<Read> reads = ConsumedSecrets.byMilvus(CLIENT);
    String first = ConsumedSecrets.digest(reads, found(Map.of("username", "dXNlcg==", "password", "b25l")));

    assertThat(first).doesNotContain("b25l").hasSize(32);
    assertThat(ConsumedSecrets.digest(reads, found(Map.of("username", "dXNlcg==", "password", "b25l"))))
        .isEqualTo(first);
    assertThat(ConsumedSecrets.digest(reads, found(Map.of("username", "dXNlcg==", "password", "dHdv"))))
        .as("rotated").isNotEqualTo(first);
    assertThat(ConsumedSecrets.digest(reads, found(Map.of("username", "dXNlcg==", "password", "b25l",
        "unrelated", "eA==")))).as("a key no pod reads").isEqualTo(first);
    assertThat(ConsumedSecrets.digest(reads, name -> Optional.empty())).as("no Secret yet").isNotNull()
        .isNotEqualTo(first);
  }

  @Test
  void theDigestCannotBeComputedFromTheValuesAlone() {
    List<Read> reads = ConsumedSecrets.byMilvus(CLIENT);
    Map<String, String> values = Map.of("username", "dXNlcg==", "password", "b25l");

    assertThat(ConsumedSecrets.digest(reads, found(values, "uid-1")))
        .as("someone who reads the pod template but not the Secret guesses its values: the Secret's uid is missing")
        .isNotEqualTo(ConsumedSecrets.digest(reads, found(values, "uid-2")))
        .isNotEqualTo(ConsumedSecrets.digest(reads, found(values)));
  }

  static java.util.function.Function<String, Optional<Secret>> found(Map<String, String> data) {
    return found(data, null);
  }

  static java.util.function.Function<String, Optional<Secret>> found(Map<String, String> data, String uid) {
    return name -> Optional.of(new SecretBuilder().withNewMetadata().withName(name).withUid(uid).endMetadata()
        .withData(data).build());
  }
}
