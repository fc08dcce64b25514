package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.support.CloseableClient;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.proto.backup.BackupHeader;
import io.milvus.operator.migration.run.RunSteps;
import io.milvus.operator.migration.support.MigrationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 on a real etcd: the tool never trusts a backup or a root it has not checked. Every case either refuses
 * with nothing written (same keys, same values, same etcd revision) or restores the original byte for byte.
 */
class UntrustedInputsEtcdTest {
  @TempDir
  Path dir;
  private TestEtcd etcd;
  private final MetaMigration tool = new MetaMigration(WriteHook.NONE);
  private SortedMap<String, ByteString> original;

  @BeforeEach
  void seed() {
    etcd = new TestEtcd(TestEtcd.endpointOrSkip());
    etcd.seedMeta(Meta21Fixture.keyspace21());
    etcd.seedNeighbours();
    original = etcd.dumpInstance();
  }

  @AfterEach
  void cleanUp() {
    if (etcd != null) {
      etcd.close();
    }
  }

  /** The keyspace and the etcd revision, to prove that a refusal wrote nothing at all. */
  private record Untouched(SortedMap<String, ByteString> keys, long revision) {}

  private Untouched untouched() {
    return new Untouched(etcd.dumpInstance(), etcd.revision());
  }

  /** Refused before even taking the migration lock: not a single write to etcd. */
  private void assertNotASingleWriteSince(Untouched before) {
    assertThat(etcd.dumpInstance()).isEqualTo(before.keys());
    assertThat(etcd.revision()).as("not a single write").isEqualTo(before.revision());
  }

  /** Refused after reading under the migration lock: the lock came and went, every other key is as it was. */
  private void assertNothingWrittenSince(Untouched before) {
    assertThat(etcd.dumpInstance()).isEqualTo(before.keys());
  }

  /** backup, then run: the situation in which a rollback is wanted. */
  private Path backupThenRun() {
    Path backup = dir.resolve("migration.bak");
    assertThat(tool.perform(etcd.config(Command.BACKUP, backup))).isZero();
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
    return backup;
  }

  @Test
  void aBackupShortenedAtAnEntryBoundaryIsNotRestored() throws Exception {
    Path backup = backupThenRun();
    byte[] bytes = Files.readAllBytes(backup);
    Files.write(backup, Arrays.copyOf(bytes, lastFrameStart(bytes))); // a whole entry gone, the rest intact
    Untouched migrated = untouched();

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isEqualTo(1);

    assertNotASingleWriteSince(migrated);
  }

  @Test
  void aBackupWithOneFlippedByteIsNotRestored() throws Exception {
    Path backup = backupThenRun();
    byte[] bytes = Files.readAllBytes(backup);
    bytes[bytes.length - 1] ^= 0x01; // inside the last value: the frame structure stays valid
    Files.write(backup, bytes);
    Untouched migrated = untouched();

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isEqualTo(1);

    assertNotASingleWriteSince(migrated);
  }

  @Test
  void aBackupWithoutDigestAsUpstreamWritesIsRestoredByteForByte() throws Exception {
    Path backup = dir.resolve("upstream.bak");
    Files.write(backup, upstreamStyleBackup("/" + etcd.rootPath, absolute(Meta21Fixture.keyspace21())));
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();

    assertThat(etcd.dumpInstance()).isEqualTo(original);
  }

  @Test
  void aBackupOfAnotherRootIsNotRestored() throws Exception {
    Path backup = backupThenRun();
    try (TestEtcd other = new TestEtcd(etcd.endpoint)) {
      other.seedMeta(Meta21Fixture.expected22());
      Untouched before = untouched();
      SortedMap<String, ByteString> otherBefore = other.dumpInstance();

      assertThat(tool.perform(other.config(Command.ROLLBACK, backup))).isEqualTo(1);

      assertThat(other.dumpInstance()).isEqualTo(otherBefore);
      assertNotASingleWriteSince(before);
    }
  }

  /**
   * "me" is a string prefix of "meta": the old check let every key through, wrote them all, then failed. An empty
   * meta sub-path made the rollback delete {@code <root>/kv/*} and every other neighbour of the meta path.
   */
  @ParameterizedTest(name = "metaSubPath ''{0}''")
  @ValueSource(strings = {"me", ""})
  void aMetaSubPathOtherThanTheBackupsIsRefusedBeforeAnyWrite(String metaSubPath) {
    Path backup = backupThenRun();
    Untouched migrated = untouched();

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup, etcd.rootPath, metaSubPath))).isEqualTo(1);

    assertNotASingleWriteSince(migrated);
  }

  @Test
  void aRootSpelledWithALeadingSlashInTheBackupIsTheSameRoot() throws Exception {
    Path backup = dir.resolve("slash.bak");
    BackupFiles.save(new BackupFile("/" + etcd.rootPath, TestEtcd.META, true, absolute(Meta21Fixture.keyspace21())),
        backup);
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();

    assertThat(etcd.dumpInstance()).isEqualTo(original);
  }

  @Test
  void aSecondRunWithBackupKeepsThe21BackupAndRollbackStillRestoresIt() throws Exception {
    Path backup = dir.resolve("migration.bak");
    MigrationConfig runWithBackup = etcd.config(Command.RUN, backup).withRunWithBackup(true);
    assertThat(tool.perform(runWithBackup)).isZero();
    byte[] firstBackup = Files.readAllBytes(backup);
    Untouched migrated = untouched();

    assertThat(tool.perform(runWithBackup)).isZero(); // nothing to migrate

    assertThat(Files.readAllBytes(backup)).isEqualTo(firstBackup);
    assertNothingWrittenSince(migrated);
    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(original);
  }

  /**
   * Before the progress marker the keyspace holds some new 2.2 keys: a backup of it now would be half-migrated. After
   * the marker the 2.1 keys are partly gone. Either way the rerun keeps the first attempt's backup, byte for byte.
   */
  @ParameterizedTest(name = "crash in ''{0}'' before transaction {1}")
  @CsvSource({RunSteps.WRITE_NEW_KEYS + ", 2", RunSteps.DELETE_OLD_KEYS + ", 1"})
  void aRerunAfterACrashReusesTheBackupOfTheFirstAttempt(String phase, int batch) throws Exception {
    Path backup = dir.resolve("migration.bak");
    MigrationConfig runWithBackup = etcd.config(Command.RUN, backup).withRunWithBackup(true);
    assertThat(new MetaMigration(crashBefore(phase, batch)).perform(runWithBackup)).isEqualTo(2);
    byte[] firstBackup = Files.readAllBytes(backup);
    assertThat(etcd.dumpInstance()).as("half-migrated").isNotEqualTo(original);

    assertThat(tool.perform(runWithBackup)).isZero();

    assertThat(Files.readAllBytes(backup)).as("not a backup of the half-migrated keys").isEqualTo(firstBackup);
    assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(original);
  }

  @Test
  void aResumedRunRefusesABackupFileItDidNotTake() throws Exception {
    Path backup = dir.resolve("migration.bak");
    MigrationConfig runWithBackup = etcd.config(Command.RUN, backup).withRunWithBackup(true);
    assertThat(new MetaMigration(crashBefore(RunSteps.DELETE_OLD_KEYS, 1)).perform(runWithBackup)).isEqualTo(2);
    BackupFiles.save(BackupFile.fullDump(etcd.metaRoot(), absolute(Meta21Fixture.expected22())), backup);
    byte[] replaced = Files.readAllBytes(backup);
    Untouched halfway = untouched();

    assertThat(tool.perform(runWithBackup)).isEqualTo(1);

    assertThat(Files.readAllBytes(backup)).isEqualTo(replaced);
    assertNothingWrittenSince(halfway);
  }

  @Test
  void runWithBackupRefusesToReplaceABackupOfOtherMetadata() throws Exception {
    Path backup = dir.resolve("migration.bak");
    SortedMap<ByteString, ByteString> older = absolute(Meta21Fixture.keyspace21());
    older.remove(older.lastKey()); // e.g. the backup of an earlier upgrade of this instance
    BackupFiles.save(BackupFile.fullDump(etcd.metaRoot(), older), backup);
    byte[] kept = Files.readAllBytes(backup);
    Untouched before = untouched();

    assertThat(tool.perform(etcd.config(Command.RUN, backup).withRunWithBackup(true))).isEqualTo(1);

    assertThat(Files.readAllBytes(backup)).isEqualTo(kept);
    assertNothingWrittenSince(before);
  }

  @Test
  void aBackupAfterTheMigrationDoesNotReplaceThe21Backup() throws Exception {
    Path backup = backupThenRun();
    byte[] backupOf21 = Files.readAllBytes(backup);
    Untouched migrated = untouched();

    assertThat(tool.perform(etcd.config(Command.BACKUP, backup))).isEqualTo(1);

    assertThat(Files.readAllBytes(backup)).isEqualTo(backupOf21);
    assertNothingWrittenSince(migrated);
    Path elsewhere = dir.resolve("after.bak");
    assertThat(tool.perform(etcd.config(Command.BACKUP, elsewhere))).as("a new file is fine").isZero();
  }

  @Test
  void backupAndRunFailOnARootWithoutMetadata() {
    Path backup = dir.resolve("typo.bak");
    Untouched before = untouched();

    assertThat(tool.perform(etcd.config(Command.BACKUP, backup, etcd.rootPath + "-typo", TestEtcd.META)))
        .isEqualTo(1);
    assertThat(tool.perform(etcd.config(Command.RUN, backup, etcd.rootPath + "-typo", TestEtcd.META)
        .withRunWithBackup(true))).isEqualTo(1);
    assertThat(tool.perform(etcd.config(Command.RUN, null, etcd.rootPath + "-typo", TestEtcd.META))).isEqualTo(1);

    assertThat(backup).doesNotExist();
    assertThat(dir.toFile().list()).as("no temporary file either").isEmpty();
    assertNothingWrittenSince(before);
  }

  @Test
  void aLockLeftByAKilledToolIsTakenOnceItsLeaseExpires() {
    Path backup = dir.resolve("migration.bak");
    etcd.putSession("session/migration", 3); // a tool killed by the kernel: nobody renews its lease

    assertThat(tool.perform(etcd.config(Command.RUN, backup).withRunWithBackup(true))).isZero();

    assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
    etcd.putSession("session/migration", 3);
    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(original);
  }

  @Test
  void aLockWhoseLeaseIsRenewedIsRefusedAsAnotherLiveMigration() {
    long lease = etcd.putSession("session/migration", 4);
    Untouched before = untouched();
    try (CloseableClient keepAlive = etcd.client.getLeaseClient().keepAlive(lease, noop())) {
      long started = System.nanoTime();

      assertThat(tool.perform(etcd.config(Command.RUN, null))).isEqualTo(1);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at its first renewal, not at expiry")
          .isLessThan(Duration.ofSeconds(15));
      assertNothingWrittenSince(before);
    }
  }

  @Test
  void aDeadHoldersLeaseLongerThanTheWaitIsRefusedAtOnce() {
    etcd.putSession("session/migration", 120);
    Untouched before = untouched();

    assertThat(tool.perform(etcd.config(Command.RUN, null))).isEqualTo(1); // lockWait is 20 s in these tests

    assertNothingWrittenSince(before);
  }

  private static io.grpc.stub.StreamObserver<io.etcd.jetcd.lease.LeaseKeepAliveResponse> noop() {
    return new io.grpc.stub.StreamObserver<>() {
      @Override
      public void onNext(io.etcd.jetcd.lease.LeaseKeepAliveResponse value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  private static WriteHook crashBefore(String phase, int batch) {
    return (p, b, n) -> {
      if (p.equals(phase) && b == batch) {
        throw new MigrationException("test: the tool dies before transaction " + (b + 1) + " of '" + p + "'");
      }
    };
  }

  private SortedMap<ByteString, ByteString> absolute(SortedMap<String, ByteString> relative) {
    SortedMap<ByteString, ByteString> out = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    relative.forEach((k, v) -> out.put(ByteString.copyFromUtf8(etcd.metaRoot() + "/" + k), v));
    return out;
  }

  /** Where the last length-prefixed frame of a backup file starts. */
  private static int lastFrameStart(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int start = 0;
    int last = 0;
    while (start < bytes.length) {
      last = start;
      start += 8 + (int) buffer.getLong(start);
    }
    return last;
  }

  /** A backup as upstream's late tool writes it: no digest in the header's extra JSON. */
  private static byte[] upstreamStyleBackup(String instance, SortedMap<ByteString, ByteString> entries)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frame(out, BackupHeader.newBuilder().setInstance(instance).setMetaPath(TestEtcd.META).setEntries(entries.size())
        .setExtra(ByteString.copyFromUtf8("{\"entry_include_root_path\":true}")).build().toByteString());
    for (var entry : entries.entrySet()) {
      frame(out, io.milvus.operator.migration.proto.KeyDataPair.newBuilder().setKey(entry.getKey().toStringUtf8())
          .setData(entry.getValue()).build().toByteString());
    }
    return out.toByteArray();
  }

  private static void frame(ByteArrayOutputStream out, ByteString message) throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(message.size()).array());
    message.writeTo(out);
  }
}
