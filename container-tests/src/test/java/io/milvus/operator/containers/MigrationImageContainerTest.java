package io.milvus.operator.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.upgrade.EtcdAccess;
import io.milvus.operator.upgrade.MigrationToolConfig;
import io.milvus.operator.upgrade.TaskKind;
import io.milvus.operator.upgrade.TaskResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool image run the way the operator's Jobs run it: the Job's command and arguments, its migration.yaml mounted
 * where the Job mounts it and the backup volume at /milvus/data, against a real etcd holding a Milvus 2.1 keyspace.
 */
class MigrationImageContainerTest {

  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
  private static final String NEIGHBOUR_KEY = "kv/gid/timestamp";

  @TempDir
  Path dir;
  private final String rootPath = "image-test-" + UUID.randomUUID().toString().substring(0, 8);
  private Client etcd;
  private EtcdAccess access;

  @BeforeEach
  void seedA21Keyspace() throws Exception {
    Podman.assumeCanRun(Podman.TOOL_IMAGE);
    String endpoint = Podman.etcdEndpoint();
    etcd = Client.builder().endpoints(endpoint).build();
    access = new EtcdAccess(List.of(endpoint), rootPath, "meta", "kv", Map.of(), Optional.empty());
    for (Map.Entry<String, ByteString> entry : Meta21Fixture.keyspace21().entrySet()) {
      put(rootPath + "/meta/" + entry.getKey(), entry.getValue().toByteArray());
    }
    put(rootPath + "/" + NEIGHBOUR_KEY, "435783141193154564".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void dropTheKeyspace() throws Exception {
    if (etcd != null) {
      etcd.getKVClient().delete(bytes(rootPath + "/"), DeleteOption.builder().isPrefix(true).build())
          .get(30, TimeUnit.SECONDS);
      etcd.close();
    }
  }

  @Test
  void backupRunAndRollback_leaveTheOriginalKeyspaceByteForByte() throws Exception {
    SortedMap<String, ByteString> before = dump();
    Path backupVolume = Files.createDirectories(dir.resolve("backup-pvc"));

    runTool(TaskKind.BACKUP, backupVolume);
    assertThat(backupVolume.resolve(Path.of(MigrationToolConfig.BACKUP_FILE).getFileName())).isNotEmptyFile();
    assertThat(dump()).as("a backup changes nothing").isEqualTo(before);

    runTool(TaskKind.MIGRATE, backupVolume);
    SortedMap<String, ByteString> migrated = dump();
    assertThat(under(migrated, "meta/")).isEqualTo(Meta21Fixture.expected22());
    assertThat(migrated).containsEntry(NEIGHBOUR_KEY, before.get(NEIGHBOUR_KEY));

    runTool(TaskKind.RESTORE, backupVolume);
    assertThat(dump()).isEqualTo(before);
  }

  /** One task as its Job runs it: the Job's command, arguments and mounts, mapped onto podman's. */
  private void runTool(TaskKind kind, Path backupVolume) throws Exception {
    Path configDir = Files.createDirectories(dir.resolve(kind.label() + "-config"));
    Files.writeString(configDir.resolve(MigrationToolConfig.FILE_NAME),
        MigrationToolConfig.render(kind, "v2.1.4", "v2.2.0", access));
    TaskResources.Context context = new TaskResources.Context("upgrade", "default", "uid", Podman.TOOL_IMAGE,
        "upgrade", Duration.ofMinutes(10), List.of(), List.of(), List.of());
    Job job = TaskResources.job(context, kind, 1, false);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    List<String> args = new ArrayList<>(List.of("run", "--rm", "--network=host", "--name", rootPath + "-" + kind.label()));
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow();
      Path source = volume.getPersistentVolumeClaim() != null ? backupVolume : configDir;
      if (mount.getSubPath() != null) {
        source = source.resolve(mount.getSubPath());
      }
      args.add("--volume=" + source + ":" + mount.getMountPath() + (Boolean.TRUE.equals(mount.getReadOnly()) ? ":ro" : ""));
    }
    args.add("--entrypoint=" + container.getCommand().get(0));
    args.add(container.getImage());
    args.addAll(container.getArgs());

    Podman.run(TOOL_TIMEOUT, args).assertSucceeded("the " + kind.label() + " Job's container");
  }

  /** The instance's keys, relative to its root path, with their exact bytes. */
  private SortedMap<String, ByteString> dump() throws Exception {
    SortedMap<String, ByteString> all = new TreeMap<>();
    for (KeyValue kv : etcd.getKVClient().get(bytes(rootPath + "/"), GetOption.builder().isPrefix(true).build())
        .get(30, TimeUnit.SECONDS).getKvs()) {
      all.put(kv.getKey().toString(StandardCharsets.UTF_8).substring(rootPath.length() + 1),
          ByteString.copyFrom(kv.getValue().getBytes()));
    }
    return all;
  }

  private static SortedMap<String, ByteString> under(SortedMap<String, ByteString> keys, String prefix) {
    SortedMap<String, ByteString> result = new TreeMap<>();
    keys.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        result.put(key.substring(prefix.length()), value);
      }
    });
    return result;
  }

  private void put(String key, byte[] value) throws Exception {
    etcd.getKVClient().put(bytes(key), ByteSequence.from(value)).get(30, TimeUnit.SECONDS);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
