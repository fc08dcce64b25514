package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Maps keys relative to the meta root to full etcd keys and back. */
public record MetaRoot(String path) {

  /** {@code <path>/}: the range every command reads; the slash keeps {@code by-dev/meta2} out of {@code by-dev/meta}. */
  public ByteString prefix() {
    return ByteString.copyFromUtf8(path + "/");
  }

  public ByteString absolute(String relative) {
    return ByteString.copyFromUtf8(path + "/" + relative);
  }

  /** Empty for keys outside the root and for keys that are not UTF-8 (no Milvus key is). */
  public Optional<String> relative(ByteString key) {
    ByteString prefix = prefix();
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      ByteBuffer rest = key.substring(prefix.size()).asReadOnlyByteBuffer();
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(rest).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return path;
  }
}
