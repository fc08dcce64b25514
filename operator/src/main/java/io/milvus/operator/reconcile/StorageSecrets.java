package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.render.StorageSecret;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates the in-cluster MinIO's keys: the one impure part of rendering, kept apart. */
final class StorageSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private StorageSecrets() {}

  static Secret generate(RenderContext ctx) {
    return StorageSecret.generated(ctx, "milvus-" + random(8), random(24));
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
