package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.run.RunSteps;
import io.milvus.operator.migration.support.MigrationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run that dies half-way loses nothing: running it again finishes it, and rollback restores the original. */
class CrashRecoveryEtcdTest {
  @TempDir
  Path dir;

  /** Throws from the writer just before the given transaction, as if the process died there. */
  private static WriteHook crashBefore(String phase, int batch) {
    return (p, b, n) -> {
      if (p.equals(phase) && b == batch) {
        throw new MigrationException("simulated crash before transaction " + (b + 1) + " of '" + p + "'");
      }
    };
  }

  @ParameterizedTest(name = "crash in ''{0}'' before transaction {1}")
  @CsvSource({
      RunSteps.WRITE_NEW_KEYS + ", 0", RunSteps.WRITE_NEW_KEYS + ", 2", RunSteps.RECORD_PROGRESS + ", 0",
      RunSteps.REENCODE_COLLECTIONS + ", 0", RunSteps.DELETE_OLD_KEYS + ", 1", RunSteps.DELETE_OLD_KEYS + ", 5",
      RunSteps.CLEAR_PROGRESS + ", 0"})
  void anInterruptedRunIsFinishedByRunningAgainOrUndoneByRollback(String phase, int batch) {
    try (TestEtcd etcd = new TestEtcd(TestEtcd.endpointOrSkip())) {
      etcd.seedMeta(Meta21Fixture.keyspace21());
      SortedMap<String, ByteString> original = etcd.dumpInstance();
      Path backup = dir.resolve("migration.bak");
      MetaMigration tool = new MetaMigration(WriteHook.NONE);
      assertThat(tool.perform(etcd.config(Command.BACKUP, backup))).isZero();

      // crash, then run again
      assertThat(new MetaMigration(crashBefore(phase, batch)).perform(etcd.config(Command.RUN, null))).isEqualTo(1);
      assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
      assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());

      // crash, then roll back
      assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();
      assertThat(etcd.dumpInstance()).isEqualTo(original);
      assertThat(new MetaMigration(crashBefore(phase, batch)).perform(etcd.config(Command.RUN, null))).isEqualTo(1);
      assertThat(tool.perform(etcd.config(Command.ROLLBACK, backup))).isZero();
      assertThat(etcd.dumpInstance()).isEqualTo(original);
    }
  }

  @Test
  void killingEtcdMidRun_thenRunningAgainFinishesAndRollbackRestores() throws Exception {
    assumeTrue(EtcdProcess.installed(), "the etcd binary is not on PATH: skipping the kill-etcd test");
    try (EtcdProcess server = EtcdProcess.start(dir); TestEtcd etcd = new TestEtcd(server.endpoint())) {
      etcd.seedMeta(Meta21Fixture.keyspace21());
      SortedMap<String, ByteString> original = etcd.dumpInstance();
      Path backup = dir.resolve("migration.bak");
      assertThat(new MetaMigration(WriteHook.NONE).perform(etcd.config(Command.BACKUP, backup))).isZero();

      // etcd dies after the marker, with collections re-encoded and some 2.1 keys already deleted
      WriteHook killEtcd = (phase, batch, batches) -> {
        if (phase.equals(RunSteps.DELETE_OLD_KEYS) && batch == 2) {
          try {
            server.kill();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      assertThat(new MetaMigration(killEtcd).perform(etcd.config(Command.RUN, null))).isEqualTo(1);

      server.restart();
      assertThat(runUntilTheDeadLockExpires(etcd.config(Command.RUN, null))).isZero();
      assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
      assertThat(new MetaMigration(WriteHook.NONE).perform(etcd.config(Command.ROLLBACK, backup))).isZero();
      assertThat(etcd.dumpInstance()).isEqualTo(original);
    }
  }

  /** The killed run's lock lives until its lease (2 s in tests) expires; until then a new run is refused. */
  private static int runUntilTheDeadLockExpires(MigrationConfig config) {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(() -> new MetaMigration(WriteHook.NONE).perform(config), code -> code == 0);
  }
}
