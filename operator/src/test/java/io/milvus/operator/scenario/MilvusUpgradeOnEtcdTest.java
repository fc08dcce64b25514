package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.kubesim.JobBehaviour;
import io.milvus.operator.migration.etcd.WriteHook;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.run.RunSteps;
import io.milvus.operator.upgrade.TaskResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A MilvusUpgrade whose Jobs run our meta-migration tool for real: kube-sim hands each tool Job to
 * {@link InProcessMigrationTool}, which runs the tool in-process against the etcd of {@code ETCD_ENDPOINT} (bin/test
 * starts one), where the test seeded a Milvus 2.1 keyspace under a root path of its own.
 */
class MilvusUpgradeOnEtcdTest {

  static final String V214 = "milvusdb/milvus:v2.1.4";
  static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(6);
  static final String META = "meta";
  /** Longer than the operator's wait after a failed run in these tests (its session expiry, 0.5 s). */
  static final long DEAD_LEASE_SECONDS = 4;

  static String etcdAddresses;
  static Client etcd;
  static UpgradeHarness cluster;
  static InProcessMigrationTool tool;
  /** Per upgrade name: the run that fails after it has written part of the migration. */
  static final java.util.Map<String, WriteHook> hooks = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    String endpoint = System.getenv("ETCD_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      return; // each test says why it is skipped
    }
    List<String> endpoints = List.of(endpoint.split(",")).stream().map(String::trim).filter(e -> !e.isEmpty())
        .toList();
    etcd = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
    // as a user writes them in spec.dependencies.etcd.endpoints: host:port, no scheme
    etcdAddresses = endpoints.stream().map(e -> "\"" + e.replaceFirst("^[a-z]+://", "").replaceFirst("/+$", "") + "\"")
        .collect(java.util.stream.Collectors.joining(", "));
    cluster = UpgradeHarness.start(HEALTHY_DEADLINE);
    tool = new InProcessMigrationTool(cluster.user, job -> hooks.getOrDefault(
        job.getMetadata().getLabels().get(TaskResources.UPGRADE_LABEL) + "/"
            + job.getMetadata().getLabels().get(TaskResources.TASK_KIND_LABEL), WriteHook.NONE));
    cluster.sim.scripts().forJobImagePrefix(UpgradeHarness.TOOL, JobBehaviour.run(tool));
  }

  @BeforeEach
  void needsEtcd() {
    assumeTrue(cluster != null,
        "ETCD_ENDPOINT is not set: skipping the MilvusUpgrade scenarios on a real etcd (bin/test starts one when "
            + "the etcd binary is installed: apt-get install -y etcd-server)");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (tool != null) {
      tool.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void aMilvusUpgradeFrom214To22MigratesTheMetadataOnEtcd() throws Exception {
    String root = seed21();
    try {
      milvusOnEtcd("real", root);

      cluster.createUpgrade("real-upgrade", "real", "v2.1.4", "v2.2.14", "");

      MilvusUpgrade done = cluster.awaitState("real-upgrade", "Succeeded");
      assertThat(done.getStatus().getMetaBackedUp()).isTrue();
      Milvus milvus = cluster.awaitHealthyOn("real", "milvusdb/milvus:v2.2.14");
      assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
      assertThat(tool.runs()).filteredOn(r -> r.job().startsWith("real-upgrade-"))
          .containsExactly(new InProcessMigrationTool.Run("real-upgrade-backup-meta-1", 0),
              new InProcessMigrationTool.Run("real-upgrade-update-meta", 0));

      SortedMap<String, ByteString> meta = dump(root + "/" + META + "/");
      assertThat(meta.keySet()).as("the 2.2 layout").anyMatch(k -> k.startsWith("field-index/"))
          .anyMatch(k -> k.startsWith("segment-index/")).anyMatch(k -> k.startsWith("root-coord/aliases/"))
          .noneMatch(k -> k.startsWith("root-coord/index/") || k.startsWith("root-coord/segment-index/")
              || k.startsWith("root-coord/collection-alias/") || k.startsWith("indexes/")
              || k.startsWith("root-coord/dd-"));
      assertThat(meta).isEqualTo(Meta21Fixture.expected22());
      assertThat(dump(root + "/kv/")).as("outside the meta path nothing changes").isEqualTo(neighbours());
      // the backup Job's file is on the backup PVC, where a rollback Job would find it
      assertThat(tool.claimDir("default", "real-upgrade").resolve("migration.bak")).isNotEmptyFile();
    } finally {
      deleteRoot(root);
    }
  }

  @Test
  void aMigrationThatFailsHalfWayIsRolledBackToTheIdenticalKeyspace() throws Exception {
    String root = seed21();
    try {
      SortedMap<String, ByteString> before = dump(root + "/");
      AtomicReference<SortedMap<String, ByteString>> atFailure = new AtomicReference<>();
      // the run dies just before it deletes the 2.1 keys: the 2.2 keys are written, collections re-encoded
      hooks.put("broken-upgrade/update-meta", (phase, batch, batches) -> {
        if (phase.equals(RunSteps.DELETE_OLD_KEYS)) {
          atFailure.set(dump(root + "/"));
          throw new IllegalStateException("test: the tool dies before " + phase);
        }
      });
      milvusOnEtcd("broken", root);

      cluster.createUpgrade("broken-upgrade", "broken", "v2.1.4", "v2.4.23", "");

      MilvusUpgrade done = cluster.awaitState("broken-upgrade", "RollbackedSucceeded");
      assertThat(done.getStatus().getIsRollbacking()).isTrue();
      Milvus milvus = cluster.awaitHealthyOn("broken", V214);
      assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(1);
      assertThat(tool.runs()).filteredOn(r -> r.job().startsWith("broken-upgrade-"))
          .containsExactly(new InProcessMigrationTool.Run("broken-upgrade-backup-meta-1", 0),
              new InProcessMigrationTool.Run("broken-upgrade-update-meta", 1),
              new InProcessMigrationTool.Run("broken-upgrade-rollback-meta", 0));
      assertThat(atFailure.get()).as("the failed run had written part of the migration")
          .isNotNull().isNotEqualTo(before)
          .containsKey(META + "/field-index/1001/3001");
      assertThat(dump(root + "/")).as("every key and value of the root as before the upgrade")
          .isEqualTo(before);
    } finally {
      hooks.remove("broken-upgrade/update-meta");
      deleteRoot(root);
    }
  }

  @Test
  void aRunPodKilledWithoutReleasingTheLockIsStillRolledBack() throws Exception {
    String root = seed21();
    String lock = root + "/" + META + "/session/migration";
    AtomicReference<Instant> deadLeaseGranted = new AtomicReference<>();
    AtomicReference<Instant> restoreWrote = new AtomicReference<>();
    try {
      SortedMap<String, ByteString> before = dump(root + "/");
      // The kernel kills the run Pod half-way. A killed process cannot revoke its lease: the lock stays in etcd,
      // unrenewed, until the lease expires. Played here by moving the lock onto a lease nobody keeps alive, then
      // dying: the tool's own clean-up revokes a lease that no longer holds the lock.
      hooks.put("killed-upgrade/update-meta", (phase, batch, batches) -> {
        if (phase.equals(RunSteps.DELETE_OLD_KEYS)) {
          long lease = await(etcd.getLeaseClient().grant(DEAD_LEASE_SECONDS)).getID();
          ByteString holder = dump(lock).get("");
          await(etcd.getKVClient().put(bytes(lock), ByteSequence.from(holder.toByteArray()),
              PutOption.builder().withLeaseId(lease).build()));
          deadLeaseGranted.set(Instant.now());
          throw new IllegalStateException("test: the run Pod is killed (out of memory) before " + phase);
        }
      });
      hooks.put("killed-upgrade/rollback-meta", (phase, batch, batches) -> restoreWrote.compareAndSet(null,
          Instant.now()));
      milvusOnEtcd("killed", root);

      cluster.createUpgrade("killed-upgrade", "killed", "v2.1.4", "v2.2.14", "");

      cluster.awaitState("killed-upgrade", "RollbackedSucceeded");
      cluster.awaitHealthyOn("killed", V214);
      assertThat(tool.runs()).filteredOn(r -> r.job().startsWith("killed-upgrade-"))
          .containsExactly(new InProcessMigrationTool.Run("killed-upgrade-backup-meta-1", 0),
              new InProcessMigrationTool.Run("killed-upgrade-update-meta", 1),
              new InProcessMigrationTool.Run("killed-upgrade-rollback-meta", 0));
      assertThat(Duration.between(deadLeaseGranted.get(), restoreWrote.get()))
          .as("the restore waited for the dead run's lock to expire").isGreaterThan(Duration.ofSeconds(2));
      assertThat(dump(root + "/")).as("every key and value of the root as before the upgrade").isEqualTo(before);
    } finally {
      hooks.remove("killed-upgrade/update-meta");
      hooks.remove("killed-upgrade/rollback-meta");
      deleteRoot(root);
    }
  }

  /** A standalone 2.1.4 Milvus whose external etcd is the test's, under {@code root}, once healthy. */
  private static Milvus milvusOnEtcd(String name, String root) {
    cluster.createMilvus("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          components:
            image: %s
          dependencies:
            etcd: {external: true, endpoints: [%s]}
            storage: {external: true, type: S3, endpoint: "s3.example:443"}
          config:
            etcd:
              rootPath: %s
        """.formatted(name, V214, etcdAddresses, root));
    return cluster.awaitHealthyOn(name, V214);
  }

  /** A fresh root path holding the fixture's 2.1 keyspace under meta/ and a few keys under kv/. */
  private static String seed21() {
    String root = "op-upgrade-" + UUID.randomUUID().toString().substring(0, 8);
    Meta21Fixture.keyspace21().forEach((key, value) -> put(root + "/" + META + "/" + key, value));
    neighbours().forEach((key, value) -> put(root + "/kv/" + key, value));
    return root;
  }

  private static SortedMap<String, ByteString> neighbours() {
    SortedMap<String, ByteString> kv = new TreeMap<>();
    kv.put("gid/timestamp", ByteString.copyFromUtf8(Long.toString(Meta21Fixture.T7)));
    kv.put("gid/idTimestamp", ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}));
    return kv;
  }

  private static void put(String key, ByteString value) {
    await(etcd.getKVClient().put(bytes(key), ByteSequence.from(value.toByteArray())));
  }

  /** Every key under {@code prefix} (relative to it) with its value. */
  private static SortedMap<String, ByteString> dump(String prefix) {
    SortedMap<String, ByteString> out = new TreeMap<>();
    List<KeyValue> kvs = await(etcd.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()))
        .getKvs();
    for (KeyValue kv : kvs) {
      out.put(kv.getKey().toString(java.nio.charset.StandardCharsets.UTF_8).substring(prefix.length()), ByteString.copyFrom(kv.getValue().getBytes()));
    }
    return out;
  }

  private static void deleteRoot(String root) {
    await(etcd.getKVClient().delete(bytes(root + "/"), DeleteOption.builder().isPrefix(true).build()));
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
