package io.milvus.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.backup.BackupFiles;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.support.MigrationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup -> run -> rollback on a real etcd, through the same entry points the image and kube-sim use. */
class EndToEndEtcdTest {
  @TempDir
  Path dir;
  private TestEtcd etcd;
  private final MetaMigration tool = new MetaMigration(WriteHook.NONE);

  @BeforeEach
  void seed() {
    etcd = new TestEtcd(TestEtcd.endpointOrSkip());
    etcd.seedMeta(Meta21Fixture.keyspace21());
    etcd.seedNeighbours();
  }

  @AfterEach
  void cleanUp() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void backupRunRollback_leavesThe22LayoutThenTheOriginalBytes() throws Exception {
    SortedMap<String, ByteString> before = etcd.dumpInstance();
    Path backupFile = dir.resolve("migration.bak");

    assertThat(tool.perform(etcd.config(Command.BACKUP, backupFile))).isZero();
    BackupFile backup = BackupFiles.load(backupFile);
    assertThat(backup.instance()).isEqualTo(etcd.rootPath);
    assertThat(backup.metaPath()).isEqualTo("meta");
    assertThat(backup.entriesIncludeRootPath()).isTrue();
    assertThat(backup.entries()).isEqualTo(absolute(Meta21Fixture.keyspace21()));

    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
    SortedMap<String, ByteString> migrated = etcd.dumpMeta();
    assertThat(migrated.keySet()).containsExactlyElementsOf(Meta21Fixture.expected22().keySet());
    assertThat(migrated).isEqualTo(Meta21Fixture.expected22());
    assertThat(etcd.dumpInstance()).containsEntry("kv/gid/timestamp", before.get("kv/gid/timestamp"))
        .containsEntry("meta-shadow/root-coord/index/1/2", before.get("meta-shadow/root-coord/index/1/2"));

    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backupFile))).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(before);
  }

  @Test
  void runWithBackup_backsUpTheRevisionItConverts() throws Exception {
    SortedMap<String, ByteString> before = etcd.dumpInstance();
    Path backupFile = dir.resolve("data/migration.bak");

    assertThat(tool.perform(etcd.config(Command.RUN, backupFile).withRunWithBackup(true))).isZero();

    assertThat(BackupFiles.load(backupFile).entries()).isEqualTo(absolute(Meta21Fixture.keyspace21()));
    assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backupFile))).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(before);
  }

  @Test
  void aSecondRunFindsNothingToDo() {
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
    SortedMap<String, ByteString> migrated = etcd.dumpInstance();

    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();

    assertThat(etcd.dumpInstance()).isEqualTo(migrated);
  }

  @Test
  void aRunWhoseConversionFailsRefusesBeforeItWritesAnything() {
    // the fixture, but with an index record missing: the conversion refuses
    TestEtcd.await(etcd.client.getKVClient().delete(io.etcd.jetcd.ByteSequence.from(
        (etcd.metaRoot() + "/root-coord/index/1001/3001").getBytes())));
    SortedMap<String, ByteString> before = etcd.dumpInstance();
    Path backupFile = dir.resolve("migration.bak");

    assertThat(tool.perform(etcd.config(Command.RUN, backupFile).withRunWithBackup(true))).isEqualTo(1);

    assertThat(etcd.dumpInstance()).isEqualTo(before);
    assertThat(backupFile).doesNotExist(); // the conversion is planned before the backup is taken
    assertThat(tool.perform(etcd.config(Command.RUN, null))).isEqualTo(1);
  }

  @Test
  void aRunThatFailsAfterItsOwnBackupExitsWith2() throws Exception {
    SortedMap<String, ByteString> before = etcd.dumpInstance();
    Path backupFile = dir.resolve("migration.bak");
    MetaMigration dying = new MetaMigration((phase, batch, batches) -> {
      throw new MigrationException("test: the tool dies before its first write");
    });

    assertThat(dying.perform(etcd.config(Command.RUN, backupFile).withRunWithBackup(true))).isEqualTo(2);

    assertThat(etcd.dumpInstance()).isEqualTo(before);
    assertThat(BackupFiles.load(backupFile).entries()).isEqualTo(absolute(Meta21Fixture.keyspace21()));
  }

  @Test
  void theConfigFileEntryPointSpeaksUpstreamsYaml() throws Exception {
    Path backupFile = dir.resolve("migration.bak");
    Path config = dir.resolve("migration.yaml");
    String yaml = """
        cmd:
          type: %s
        config:
          sourceVersion: 2.1.4
          targetVersion: %s
          backupFilePath: %s
        metastore:
          type: etcd
        etcd:
          endpoints:
            - %s
          rootPath: %s
          metaSubPath: meta
          kvSubPath: kv
        """;
    String endpoint = etcd.endpoint.replace("http://", "");
    SortedMap<String, ByteString> before = etcd.dumpInstance();

    Files.writeString(config, yaml.formatted("run", "2.1.9", backupFile, endpoint, etcd.rootPath));
    assertThat(MetaMigration.execute("-config", config.toString())).isZero(); // "no need to migrate"
    assertThat(etcd.dumpInstance()).isEqualTo(before);

    Files.writeString(config, yaml.formatted("backup", "2.2.0", backupFile, endpoint, etcd.rootPath));
    assertThat(MetaMigration.execute(config)).isZero();
    Files.writeString(config, yaml.formatted("run", "2.4.23", backupFile, endpoint, etcd.rootPath));
    assertThat(MetaMigration.execute("-config=" + config)).isZero(); // the seed's v2.1.4 -> v2.4.23 flow
    assertThat(etcd.dumpMeta()).isEqualTo(Meta21Fixture.expected22());
    Files.writeString(config, yaml.formatted("rollback", "2.2.0", backupFile, endpoint, etcd.rootPath));
    assertThat(MetaMigration.execute(config)).isZero();
    assertThat(etcd.dumpInstance()).isEqualTo(before);

    Files.writeString(config, yaml.formatted("run", "3.0.0", backupFile, endpoint, etcd.rootPath));
    assertThat(MetaMigration.execute(config)).isEqualTo(1);
  }

  @Test
  void restoresAnEarlyFormatBackupLikeUpstreamDoes() throws Exception {
    // upstream's first generation backed up only the 2.1 records, with keys relative to the meta root
    Map<ByteString, ByteString> records = new LinkedHashMap<>();
    Meta21Fixture.keyspace21().forEach((key, value) -> {
      if (MetaKeys.underAny(key, MetaKeys.CLEAN_21)) {
        records.put(ByteString.copyFromUtf8(key), value);
      }
    });
    Path backupFile = dir.resolve("v1.bak");
    BackupFiles.save(new BackupFile(etcd.rootPath, "meta", false, records), backupFile);
    SortedMap<String, ByteString> before = etcd.dumpInstance();

    assertThat(tool.perform(etcd.config(Command.RUN, null))).isZero();
    assertThat(tool.perform(etcd.config(Command.ROLLBACK, backupFile))).isZero();

    assertThat(etcd.dumpInstance()).isEqualTo(before);
  }

  private SortedMap<ByteString, ByteString> absolute(Map<String, ByteString> relative) {
    SortedMap<ByteString, ByteString> out = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    relative.forEach((k, v) -> out.put(ByteString.copyFromUtf8(etcd.metaRoot() + "/" + k), v));
    return out;
  }
}
