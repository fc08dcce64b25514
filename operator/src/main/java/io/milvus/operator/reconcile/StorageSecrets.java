package io.milvus.operator.reconcile;

import io.milvus.operator.decide.StorageKeys;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Draws keys for the in-cluster MinIO: the one random part of rendering, kept in the shell. */
final class StorageSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private StorageSecrets() {}

  static StorageKeys freshKeys() {
    return new StorageKeys("milvus-" + random(8), random(24));
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
