package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Milvus reads the Kafka client Secret ({@code dependencies.kafka.secretRef}), as upstream does: the SASL
 * credentials (keys {@code username}, {@code password}) as environment variables, never in the ConfigMap; a private CA
 * (key {@value #CA_KEY}, optional) mounted alone, so the credentials are not files, and named in user.yaml.
 */
public final class KafkaClientSecret {

  static final String USERNAME_KEY = "username";
  static final String PASSWORD_KEY = "password";
  public static final String CA_KEY = "ca.pem";
  static final String CA_VOLUME = "kafka-ca";
  static final String CA_DIR = "/milvus/configs/kafka-ca";
  private static final int READ_ONLY = 0444;

  private KafkaClientSecret() {}

  static List<EnvVar> env(RenderContext ctx) {
    String secret = ctx.kafkaSecret();
    if (secret == null) {
      return List.of();
    }
    return List.of(ComponentDeployment.secretEnv("KAFKA_SASLPASSWORD", secret, PASSWORD_KEY),
        ComponentDeployment.secretEnv("KAFKA_SASLUSERNAME", secret, USERNAME_KEY));
  }

  /** Optional: a Secret without a CA is the normal case for publicly trusted brokers. */
  static Optional<Volume> caVolume(RenderContext ctx) {
    return Optional.ofNullable(ctx.kafkaSecret()).map(secret -> new VolumeBuilder().withName(CA_VOLUME)
        .withNewSecret().withSecretName(secret).addNewItem().withKey(CA_KEY).withPath(CA_KEY).endItem()
        .withDefaultMode(READ_ONLY).withOptional(true).endSecret()
        .build());
  }

  static Optional<VolumeMount> caMount(RenderContext ctx) {
    return Optional.ofNullable(ctx.kafkaSecret())
        .map(secret -> new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(CA_DIR).withReadOnly(true).build());
  }

  /** TLS against the private CA, when the Secret holds one. */
  static void configure(RenderContext ctx, Map<String, Object> config) {
    if (ctx.kafkaSecret() != null && ctx.cluster().kafkaCaGiven()) {
      ConfigMaps.put(config, "kafka.ssl.enabled", true);
      ConfigMaps.put(config, "kafka.ssl.tlsCaCert", CA_DIR + "/" + CA_KEY);
    }
  }
}
