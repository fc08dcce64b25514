package io.milvus.operator.migration.backup;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.operator.migration.proto.backup.BackupEntry;
import io.milvus.operator.migration.proto.backup.BackupHeader;
import io.milvus.operator.migration.support.Json;
import io.milvus.operator.migration.support.KeyspaceDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's backup format: an 8-byte little-endian length, then that many bytes of a protobuf message; first a
 * BackupHeader, then one key/data pair per entry until the end of the file.
 *
 * <p>The header's {@code extra} JSON also carries {@code entries_sha256}, a digest of the content (see
 * {@link KeyspaceDigest#ofRawKeys}); upstream's tool ignores members it does not know, so it still reads the file.
 * Reading checks the header's entry count always, and the digest when the file has one.
 */
public final class BackupCodec {
  static final int FORMAT_VERSION = 0;
  private static final String INCLUDE_ROOT_PATH = "entry_include_root_path";
  private static final String DIGEST = "entries_sha256";
  private static final int LENGTH_BYTES = 8;

  private BackupCodec() {}

  /** Writes entries sorted by key so the same keyspace always gives the same file. */
  public static void write(BackupFile backup, OutputStream out) throws IOException {
    BackupHeader header = BackupHeader.newBuilder()
        .setVersion(FORMAT_VERSION)
        .setInstance(backup.instance())
        .setMetaPath(backup.metaPath())
        .setEntries(backup.entries().size())
        .setComponent("")
        .setExtra(ByteString.copyFromUtf8(Json.write(extra(backup))))
        .build();
    writeFrame(out, header.toByteString());
    Map<ByteString, ByteString> sorted = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    sorted.putAll(backup.entries());
    for (Map.Entry<ByteString, ByteString> entry : sorted.entrySet()) {
      writeFrame(out, BackupEntry.newBuilder().setKey(entry.getKey()).setData(entry.getValue()).build().toByteString());
    }
  }

  private static Map<String, Object> extra(BackupFile backup) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (backup.entriesIncludeRootPath()) {
      extra.put(INCLUDE_ROOT_PATH, true);
    }
    extra.put(DIGEST, backup.digest());
    return extra;
  }

  /**
   * Reads a whole backup and checks it against its header: the entry count always, the content digest when there
   * is one. A repeated key keeps its last value; a cut-off, shortened or altered file is an error.
   */
  public static LoadedBackup read(InputStream in) throws IOException {
    ByteString headerBytes = readFrame(in);
    if (headerBytes == null) {
      throw new IOException("backup file is empty (no header)");
    }
    BackupHeader header = parse(() -> BackupHeader.parseFrom(headerBytes), "header");
    Map<String, Object> extra = extra(header.getExtra());
    Map<ByteString, ByteString> entries = new LinkedHashMap<>();
    long frames = 0;
    for (ByteString frame = readFrame(in); frame != null; frame = readFrame(in)) {
      ByteString bytes = frame;
      BackupEntry entry = parse(() -> BackupEntry.parseFrom(bytes), "entry " + (frames + 1));
      entries.remove(entry.getKey()); // so the position follows the last occurrence too
      entries.put(entry.getKey(), entry.getData());
      frames++;
    }
    if (frames != header.getEntries()) {
      throw new IOException("backup file does not match its header: the header announces " + header.getEntries()
          + " entries, the file holds " + frames + " (it was cut short or altered)");
    }
    BackupFile backup = new BackupFile(header.getInstance(), header.getMetaPath(),
        Boolean.TRUE.equals(extra.get(INCLUDE_ROOT_PATH)), entries);
    Object expected = extra.get(DIGEST);
    if (expected == null) {
      return new LoadedBackup(backup, false);
    }
    String found = backup.digest();
    if (!found.equals(expected)) {
      throw new IOException("backup file does not match its header: the content digest is "
          + KeyspaceDigest.abbreviate(found) + ", the header says " + KeyspaceDigest.abbreviate(String.valueOf(expected))
          + " (a key or value was altered)");
    }
    return new LoadedBackup(backup, true);
  }

  private static Map<String, Object> extra(ByteString extra) throws IOException {
    if (extra.isEmpty()) {
      return Map.of();
    }
    try {
      return Json.parseObject(extra.toStringUtf8());
    } catch (IOException e) {
      throw new IOException("backup header's extra field is not a JSON object: " + e.getMessage(), e);
    }
  }

  private static void writeFrame(OutputStream out, ByteString message) throws IOException {
    out.write(ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(message.size()).array());
    message.writeTo(out);
  }

  /** Returns null at a clean end of file. */
  private static ByteString readFrame(InputStream in) throws IOException {
    byte[] lengthBytes = in.readNBytes(LENGTH_BYTES);
    if (lengthBytes.length == 0) {
      return null;
    }
    if (lengthBytes.length < LENGTH_BYTES) {
      throw new IOException("backup file is truncated (in a length prefix)");
    }
    long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length < 0 || length > Integer.MAX_VALUE - LENGTH_BYTES) {
      throw new IOException("backup file is corrupt (frame length " + Long.toUnsignedString(length) + ")");
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new IOException("backup file is truncated (a frame of " + length + " bytes has " + body.length + ")");
    }
    return ByteString.copyFrom(body);
  }

  private interface Parse<T> {
    T get() throws InvalidProtocolBufferException;
  }

  private static <T> T parse(Parse<T> parse, String what) throws IOException {
    try {
      return parse.get();
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("backup file is corrupt: cannot decode the " + what + ": " + e.getMessage(), e);
    }
  }
}
