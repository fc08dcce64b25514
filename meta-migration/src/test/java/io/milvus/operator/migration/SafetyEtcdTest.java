package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.etcd.AbortSignal;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.run.RunSteps;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing is written while Milvus or another migration could be writing too. */
class SafetyEtcdTest {
  @TempDir
  Path dir;
  private TestEtcd etcd;
  private final MetaMigration tool = new MetaMigration(WriteHook.NONE);

  @BeforeEach
  void seed() {
    etcd = new TestEtcd(TestEtcd.endpointOrSkip());
    etcd.seedMeta(Meta21Fixture.keyspace21());
  }

  @AfterEach
  void cleanUp() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private Path backupOfTheSeed() throws Exception {
    TreeMap<ByteString, ByteString> entries = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    etcd.dumpMeta().forEach((k, v) -> entries.put(ByteString.copyFromUtf8(etcd.metaRoot() + "/" + k), v));
    Path file = dir.resolve("given.bak");
    BackupFiles.save(BackupFile.fullDump(etcd.metaRoot(), entries), file);
    return file;
  }

  @ParameterizedTest
  @EnumSource(Command.class)
  void refusesWhileAMilvusSessionIsAlive(Command command) throws Exception {
    Path given = backupOfTheSeed();
    Path backupFile = command == Command.ROLLBACK ? given : dir.resolve("new.bak");
    etcd.putSession("session/querynode-3", 30);
    SortedMap<String, ByteString> before = etcd.dumpInstance();
    long revision = etcd.revision();

    assertThat(tool.perform(etcd.config(command, backupFile).withRunWithBackup(true))).isEqualTo(1);

    assertThat(etcd.dumpInstance()).isEqualTo(before);
    assertThat(etcd.revision()).as("not a single write").isEqualTo(revision);
    if (command != Command.ROLLBACK) {
      assertThat(Files.exists(backupFile)).isFalse();
    }
  }

  @Test
  void refusesWhileAnotherMigrationHoldsTheLock() {
    long lease = etcd.putSession("session/migration", 30); // e.g. upstream's tool
    SortedMap<String, ByteString> before = etcd.dumpInstance();

    assertThat(tool.perform(etcd.config(Command.RUN, null))).isEqualTo(1);

    assertThat(etcd.dumpInstance()).isEqualTo(before);
    etcd.revoke(lease);
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
  }

  @Test
  void aSessionAppearingMidRunStopsTheWritesAndARerunFinishes() {
    long[] lease = {0};
    MetaMigration interrupted = new MetaMigration(new WriteHook() {
      private AbortSignal abort;

      @Override
      public void stopsOn(AbortSignal signal) {
        abort = signal;
      }

      @Override
      public void beforeBatch(String phase, int batch, int batches) {
        if (phase.equals(RunSteps.WRITE_NEW_KEYS) && batch == 1) {
          lease[0] = etcd.putSession("session/proxy-9", 30); // a proxy starts while we migrate
          awaitTheWatch(abort);
        }
      }
    });

    assertThat(interrupted.perform(etcd.config(Command.RUN, null))).isEqualTo(1);
    assertThat(etcd.dumpMeta()).containsAllEntriesOf(Meta21Fixture.keyspace21()); // nothing of 2.1 destroyed

    etcd.revoke(lease[0]);
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
    assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
  }

  @Test
  void backupLeavesOutLeasedKeysAndReleasesItsLock() throws Exception {
    Path backupFile = dir.resolve("b.bak");

    assertThat(tool.perform(etcd.config(Command.BACKUP, backupFile))).isZero();

    assertThat(BackupFiles.load(backupFile).entries().keySet())
        .noneMatch(key -> key.toStringUtf8().endsWith("session/migration"));
    assertThat(etcd.dumpMeta()).doesNotContainKey("session/migration");
  }

  /** The session watch raises the signal when it sees the new session: wait for that, not for a time. */
  private static void awaitTheWatch(AbortSignal abort) {
    try {
      assertThat(abort.awaitRaised(Duration.ofSeconds(30))).as("the session watch saw the proxy").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
