package io.milvus.operator.migration.support;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** SHA-256 over sorted (key, value) pairs, each length-prefixed so that no two sets collide by concatenation. */
public final class KeyspaceDigest {
  private KeyspaceDigest() {}

  /** Keys in String order, as the pure conversion keeps them. */
  public static String of(SortedMap<String, ByteString> entries) {
    MessageDigest sha = sha256();
    entries.forEach((key, value) -> update(sha, ByteString.copyFromUtf8(key), value));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Raw etcd keys in unsigned byte order, whatever order the map has: the digest of a backup's content. */
  public static String ofRawKeys(Map<ByteString, ByteString> entries) {
    SortedMap<ByteString, ByteString> sorted = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    sorted.putAll(entries);
    MessageDigest sha = sha256();
    sorted.forEach((key, value) -> update(sha, key, value));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, ByteString key, ByteString value) {
    sha.update(ByteBuffer.allocate(8).putLong(key.size()).array());
    sha.update(key.asReadOnlyByteBuffer());
    sha.update(ByteBuffer.allocate(8).putLong(value.size()).array());
    sha.update(value.asReadOnlyByteBuffer());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The first 12 hex digits, enough to tell two digests apart in a message. */
  public static String abbreviate(String digest) {
    return digest.substring(0, Math.min(12, digest.length()));
  }
}
