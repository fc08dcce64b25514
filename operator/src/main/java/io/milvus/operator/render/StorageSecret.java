package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The object-storage keys. For in-cluster MinIO the operator generates them once into Secret {@code <cr>-minio}
 * (keys {@code accesskey}, {@code secretkey}, as upstream's chart); an external store names its own Secret.
 */
public final class StorageSecret {

  public static final String ACCESS_KEY = "accesskey";
  public static final String SECRET_KEY = "secretkey";

  private StorageSecret() {}

  /** The Secret Milvus reads its storage keys from, or null when there is none (e.g. IAM roles). */
  public static String nameFor(RenderContext ctx) {
    String secretRef = ctx.spec().getDependencies().getStorage().getSecretRef();
    if (secretRef != null && !secretRef.isBlank()) {
      return secretRef;
    }
    return ctx.externalStorage() ? null : Names.minioSecret(ctx.name());
  }

  /**
   * The generated Secret for in-cluster MinIO. Not owned by the Milvus: MinIO's data is only readable with these keys,
   * so they live as long as the data does.
   */
  public static Secret generated(RenderContext ctx, String accessKey, String secretKey) {
    return new SecretBuilder()
        .withNewMetadata()
          .withName(Names.minioSecret(ctx.name()))
          .withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), "minio"))
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(ACCESS_KEY, base64(accessKey), SECRET_KEY, base64(secretKey)))
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
