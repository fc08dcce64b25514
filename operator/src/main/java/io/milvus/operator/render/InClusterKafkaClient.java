package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.List;
import java.util.Map;

/**
 * How Milvus talks to an in-cluster Kafka whose client listener asks for SASL: {@code kafka.securityProtocol}
 * SASL_PLAINTEXT, {@code kafka.saslMechanisms} PLAIN and {@code kafka.saslUsername} the first client user (the chart's
 * system user) in user.yaml, and the password as {@code KAFKA_SASLPASSWORD} from the passwords' Secret (key
 * {@value KafkaValues#SYSTEM_USER_PASSWORD_KEY}), never in the ConfigMap. A user's own {@code spec.config.kafka}
 * settings win, and with {@code kafka.secretRef} Milvus takes its user and password from that Secret, as upstream.
 */
final class InClusterKafkaClient {

  static final String PASSWORD_ENV = "KAFKA_SASLPASSWORD";

  private InClusterKafkaClient() {}

  static void configure(MilvusSpec spec, Map<String, Object> config) {
    if (!saslClient(spec)) {
      return;
    }
    putUnlessSet(config, "kafka.securityProtocol", KafkaValues.SASL_PLAINTEXT);
    putUnlessSet(config, "kafka.saslMechanisms", KafkaValues.PLAIN);
    if (!secretRefGiven(spec)) {
      putUnlessSet(config, "kafka.saslUsername", KafkaValues.of(spec).users().get(0));
    }
  }

  static List<EnvVar> env(RenderContext ctx) {
    if (!saslClient(ctx.spec()) || secretRefGiven(ctx.spec())) {
      return List.of();
    }
    String secret = InClusterKafka.passwordSecretName(ctx, KafkaValues.of(ctx)).orElseThrow();
    return List.of(new EnvVarBuilder().withName(PASSWORD_ENV).withNewValueFrom().withNewSecretKeyRef()
        .withName(secret).withKey(KafkaValues.SYSTEM_USER_PASSWORD_KEY).endSecretKeyRef().endValueFrom().build());
  }

  private static boolean saslClient(MilvusSpec spec) {
    var deps = spec.getDependencies();
    return "kafka".equals(deps.getMsgStreamType()) && !Boolean.TRUE.equals(deps.getKafka().getExternal())
        && KafkaValues.of(spec).clientSasl();
  }

  private static boolean secretRefGiven(MilvusSpec spec) {
    String secretRef = spec.getDependencies().getKafka().getSecretRef();
    return secretRef != null && !secretRef.isEmpty();
  }

  private static void putUnlessSet(Map<String, Object> config, String path, Object value) {
    if (ConfigMaps.get(config, path) == null) {
      ConfigMaps.put(config, path, value);
    }
  }
}
