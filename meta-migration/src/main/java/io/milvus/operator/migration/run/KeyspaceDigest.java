package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/** SHA-256 over sorted (key, value) pairs, each length-prefixed so that no two sets collide by concatenation. */
public final class KeyspaceDigest {
  private KeyspaceDigest() {}

  public static String of(SortedMap<String, ByteString> entries) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    for (Map.Entry<String, ByteString> entry : entries.entrySet()) {
      byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
      sha.update(ByteBuffer.allocate(8).putLong(key.length).array());
      sha.update(key);
      sha.update(ByteBuffer.allocate(8).putLong(entry.getValue().size()).array());
      sha.update(entry.getValue().asReadOnlyByteBuffer());
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
