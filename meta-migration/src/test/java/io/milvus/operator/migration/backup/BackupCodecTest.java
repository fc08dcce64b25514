package io.milvus.operator.migration.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.KeyDataPair;
import io.milvus.operator.migration.proto.backup.BackupHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCodecTest {

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static byte[] encode(BackupFile backup) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BackupCodec.write(backup, out);
    return out.toByteArray();
  }

  private static BackupFile decode(byte[] bytes) throws IOException {
    return BackupCodec.read(new ByteArrayInputStream(bytes)).backup();
  }

  @Test
  void roundTripsUpstreamsTestCase() throws IOException { // upstream backup_restore_test
    Map<ByteString, ByteString> kvs = new LinkedHashMap<>();
    kvs.put(b("1"), b("1"));
    kvs.put(b("2"), b("2"));
    kvs.put(b("3"), b("3"));
    BackupFile backup = new BackupFile("/by-dev", "meta", false, kvs);

    BackupFile read = decode(encode(backup));

    assertThat(read).isEqualTo(backup);
  }

  @Test
  void roundTripsRawBytesAndAFullDumpHeader() throws IOException {
    Map<ByteString, ByteString> kvs = new LinkedHashMap<>();
    kvs.put(b("by-dev/meta/root-coord/collection/1"), ByteString.copyFrom(new byte[] {(byte) 0xE2, (byte) 0x9B, (byte) 0xBC}));
    kvs.put(b("by-dev/meta/empty"), ByteString.EMPTY);
    kvs.put(b("by-dev/meta/bin"), ByteString.copyFrom(new byte[] {0, (byte) 0xff, 10, 13}));
    BackupFile backup = BackupFile.fullDump("by-dev/meta", kvs);

    BackupFile read = decode(encode(backup));

    assertThat(read.instance()).isEqualTo("by-dev");
    assertThat(read.metaPath()).isEqualTo("meta");
    assertThat(read.entriesIncludeRootPath()).isTrue();
    assertThat(read.entries()).isEqualTo(kvs);
  }

  @Test
  void writesUpstreamsLayoutByteForByte() throws IOException {
    BackupFile backup = BackupFile.fullDump("by-dev/meta", Map.of(b("by-dev/meta/k"), b("v")));
    byte[] bytes = encode(backup);

    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = (int) buf.getLong();
    BackupHeader header = BackupHeader.parseFrom(Arrays.copyOfRange(bytes, 8, 8 + headerLength));
    buf.position(8 + headerLength);
    int entryLength = (int) buf.getLong();
    // an entry is a milvus.proto.common.KeyDataPair
    KeyDataPair entry = KeyDataPair.parseFrom(Arrays.copyOfRange(bytes, 16 + headerLength, 16 + headerLength + entryLength));

    assertThat(header.getVersion()).isZero();
    assertThat(header.getEntries()).isEqualTo(1);
    assertThat(header.getComponent()).isEmpty();
    assertThat(header.getExtra().toStringUtf8()).isEqualTo("{\"entry_include_root_path\":true,\"entries_sha256\":\""
        + backup.digest() + "\"}"); // Go's json.Unmarshal into upstream's struct ignores the member it lacks
    assertThat(entry.getKey()).isEqualTo("by-dev/meta/k");
    assertThat(entry.getData().toStringUtf8()).isEqualTo("v");
    assertThat(bytes).hasSize(16 + headerLength + entryLength);
  }

  @Test
  void theLastDuplicateWins() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frame(out, BackupHeader.newBuilder().setInstance("r").setMetaPath("meta").setEntries(2).build().toByteString());
    frame(out, KeyDataPair.newBuilder().setKey("a").setData(b("first")).build().toByteString());
    frame(out, KeyDataPair.newBuilder().setKey("a").setData(b("second")).build().toByteString());

    BackupFile read = decode(out.toByteArray());

    assertThat(read.entries()).containsExactly(Map.entry(b("a"), b("second")));
    assertThat(read.entriesIncludeRootPath()).isFalse();
    assertThat(read.absoluteEntries("r/meta")).containsOnlyKeys(b("r/meta/a"));
  }

  @Test
  void aFileShortenedAtAnEntryBoundaryIsRefusedByItsEntryCount() throws IOException {
    byte[] bytes = encode(BackupFile.fullDump("r/meta", Map.of(b("r/meta/a"), b("1"), b("r/meta/b"), b("2"))));
    int lastFrame = bytes.length - frameOf("r/meta/b", "2").length;

    assertThatThrownBy(() -> decode(Arrays.copyOf(bytes, lastFrame)))
        .hasMessageContaining("the header announces 2 entries, the file holds 1");
  }

  @Test
  void aFlippedByteIsRefusedByTheDigest() throws IOException {
    byte[] bytes = encode(BackupFile.fullDump("r/meta", Map.of(b("r/meta/a"), b("value"))));
    bytes[bytes.length - 1] ^= 0x01; // the last byte of the value: "valud"

    assertThatThrownBy(() -> decode(bytes)).hasMessageContaining("content digest");
  }

  @Test
  void aFileWithoutDigestIsReadAfterTheCountCheckAndSaysItWasNotVerified() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(); // as upstream's tool writes it
    frame(out, BackupHeader.newBuilder().setInstance("r").setMetaPath("meta").setEntries(1)
        .setExtra(b("{\"entry_include_root_path\":true}")).build().toByteString());
    out.write(frameOf("r/meta/a", "1"));

    LoadedBackup read = BackupCodec.read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(read.digestVerified()).isFalse();
    assertThat(read.backup().entries()).containsExactly(Map.entry(b("r/meta/a"), b("1")));
    LoadedBackup ours = BackupCodec.read(new ByteArrayInputStream(encode(read.backup())));
    assertThat(ours.digestVerified()).isTrue();
  }

  private static byte[] frameOf(String key, String value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frame(out, KeyDataPair.newBuilder().setKey(key).setData(b(value)).build().toByteString());
    return out.toByteArray();
  }

  @Test
  void aCutOffFileIsAnError() throws IOException {
    byte[] bytes = encode(BackupFile.fullDump("r/meta", Map.of(b("r/meta/a"), b("value"))));

    assertThatThrownBy(() -> decode(Arrays.copyOf(bytes, bytes.length - 2))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> decode(Arrays.copyOf(bytes, bytes.length - 10))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> decode(new byte[0])).hasMessageContaining("empty");
  }

  @Test
  void savesAtomicallyWithOwnerOnlyPermissions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/migration.bak");
    BackupFile backup = BackupFile.fullDump("r/meta", Map.of(b("r/meta/a"), b("1")));

    long size = BackupFiles.save(backup, file);

    assertThat(Files.size(file)).isEqualTo(size);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(BackupFiles.load(file)).isEqualTo(backup);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left
    }
  }

  @Test
  void aFailedSaveLeavesNoTemporaryFileAndTheOldBackupIntact(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("migration.bak");
    BackupFile old = BackupFile.fullDump("r/meta", Map.of(b("r/meta/a"), b("old")));
    BackupFiles.save(old, file);
    Path target = dir.resolve("dir-in-the-way");
    Files.createDirectory(target);
    Files.writeString(target.resolve("x"), "a non-empty directory cannot be replaced");

    assertThatThrownBy(() -> BackupFiles.save(old, target)).isInstanceOf(IOException.class); // the rename fails

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("migration.bak", "dir-in-the-way"); // no .dir-in-the-way.tmp
    }
    assertThat(BackupFiles.load(file)).isEqualTo(old);
  }

  private static void frame(ByteArrayOutputStream out, ByteString message) throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(message.size()).array());
    message.writeTo(out);
  }
}
