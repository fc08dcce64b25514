package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pure: the keys of the user's own Secrets that pods read only when they start (as environment variables, or a CA
 * file read once), so that a changed value rolls those pods as a config change does. The Secrets are the user's, not
 * in the spec: their content is observed, and only a digest of it is ever kept (a pod template annotation, never a
 * value). Secrets the operator renders from the spec need none of this: a change to them is a spec change.
 */
public final class ConsumedSecrets {

  /** A Secret and the keys of it that some pods read. */
  public record Read(String secret, List<String> keys) {}

  private ConsumedSecrets() {}

  /**
   * What Milvus's pods read: the Kafka client Secret ({@code dependencies.kafka.secretRef}), else an in-cluster
   * Kafka's users Secret of the user's ({@code sasl.existingSecret}), the system user's password.
   */
  public static List<Read> byMilvus(RenderContext ctx) {
    if (ctx.kafkaSecret() != null) {
      return List.of(new Read(ctx.kafkaSecret(), List.of(KafkaClientSecret.USERNAME_KEY, KafkaClientSecret.PASSWORD_KEY,
          KafkaClientSecret.CA_KEY)));
    }
    return usersSecret(ctx).map(secret -> List.of(new Read(secret, List.of(KafkaValues.SYSTEM_USER_PASSWORD_KEY))))
        .orElse(List.of());
  }

  /** What an in-cluster Kafka's brokers read: every client user's password, from {@code sasl.existingSecret}. */
  public static List<Read> byBrokers(RenderContext ctx) {
    return usersSecret(ctx).map(secret -> List.of(new Read(secret, List.of(KafkaValues.CLIENT_PASSWORDS_KEY))))
        .orElse(List.of());
  }

  /**
   * A digest of the values read, as found by {@code lookup} (a missing Secret or key counts as missing, so its
   * appearance is a change too); null when nothing is read. Each Secret's uid is hashed with its values: whoever can
   * read the pod template but not the Secret cannot test password guesses against the digest (a Secret deleted and
   * made again rolls the pods once, which is harmless).
   */
  public static String digest(List<Read> reads, Function<String, Optional<Secret>> lookup) {
    if (reads.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (Read read : reads) {
      Optional<Secret> secret = lookup.apply(read.secret());
      Map<String, String> data = secret.map(Secret::getData).orElse(Map.of());
      for (String key : read.keys()) {
        lines.add(read.secret() + secret.map(ConsumedSecrets::uidOf).orElse("") + "/" + key
            + (secret.isEmpty() ? " (no Secret)"
            : data.containsKey(key) ? "=" + data.get(key) : " (no key)"));
      }
    }
    return Hashes.sha256(String.join("\n", lines));
  }

  private static String uidOf(Secret secret) {
    return secret.getMetadata() == null || secret.getMetadata().getUid() == null ? ""
        : "@" + secret.getMetadata().getUid();
  }

  private static Optional<String> usersSecret(RenderContext ctx) {
    if (!ctx.inClusterKafka()) {
      return Optional.empty();
    }
    KafkaValues kafka = KafkaValues.of(ctx);
    return kafka.clientSasl() ? kafka.existingSecret() : Optional.empty();
  }
}
