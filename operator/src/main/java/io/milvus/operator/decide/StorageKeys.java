package io.milvus.operator.decide;

/**
 * Keys for the in-cluster MinIO, drawn by the reconciler (randomness is not pure), used only when its Secret is made.
 */
public record StorageKeys(String accessKey, String secretKey) {

  @Override
  public String toString() {
    return "StorageKeys[redacted]";
  }
}
