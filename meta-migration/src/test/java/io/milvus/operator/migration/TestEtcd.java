package io.milvus.operator.migration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.milvus.operator.migration.config.ClientTuning;
import io.milvus.operator.migration.config.Command;
import io.milvus.operator.migration.config.EtcdConfig;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.version.SemVer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One test's corner of a real etcd: its own root path, a client to seed and inspect it, and configs for the tool.
 * Tests that need etcd call {@link #endpointOrSkip()}: without {@code ETCD_ENDPOINT} they are skipped.
 */
final class TestEtcd implements AutoCloseable {
  static final String META = "meta";

  final String endpoint;
  final String rootPath = "mm-test-" + UUID.randomUUID().toString().substring(0, 8);
  final Client client;

  TestEtcd(String endpoint) {
    this.endpoint = endpoint;
    this.client = Client.builder().endpoints(endpoint).build();
  }

  static String endpointOrSkip() {
    String endpoint = System.getenv("ETCD_ENDPOINT");
    assumeTrue(endpoint != null && !endpoint.isBlank(),
        "ETCD_ENDPOINT is not set: skipping the tests that need a real etcd (bin/test starts one when the etcd "
            + "binary is installed: apt-get install -y etcd-server)");
    return endpoint;
  }

  String metaRoot() {
    return rootPath + "/" + META;
  }

  MigrationConfig config(Command command, Path backupFile) {
    return config(command, backupFile, rootPath, META);
  }

  /** A config for another root path or meta sub-path than this test's own. */
  MigrationConfig config(Command command, Path backupFile, String root, String metaSubPath) {
    ClientTuning tuning = ClientTuning.defaults()
        .withRequestTimeout(Duration.ofSeconds(3))
        .withLockTtl(Duration.ofSeconds(2))
        .withLockWait(Duration.ofSeconds(20)) // generous: a loaded machine
        .withLockPoll(Duration.ofMillis(200))
        .withMaxOpsPerTxn(5) // many small transactions, so crashes can land between them
        .withReadPageSize(7); // several pages per read
    EtcdConfig etcd = EtcdConfig.of(List.of(endpoint), root, metaSubPath).withTuning(tuning);
    return new MigrationConfig(command, false, SemVer.parse("2.1.4"), SemVer.parse("2.2.0"),
        Optional.ofNullable(backupFile), etcd);
  }

  /** Puts keys relative to the meta root. */
  void seedMeta(Map<String, ByteString> relative) {
    relative.forEach((key, value) -> put(metaRoot() + "/" + key, value, 0));
  }

  /** Keys of the same instance outside the meta root, which no command may touch. */
  void seedNeighbours() {
    put(rootPath + "/kv/gid/timestamp", ByteString.copyFromUtf8("435783141193154564"), 0);
    put(rootPath + "/meta-shadow/root-coord/index/1/2", ByteString.copyFromUtf8("not ours"), 0);
  }

  void put(String key, ByteString value, long lease) {
    await(client.getKVClient().put(ByteSequence.from(key.getBytes()), ByteSequence.from(value.toByteArray()),
        lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build()));
  }

  /** A leased key, like a live Milvus session; returns the lease. */
  long putSession(String relativeKey, long ttlSeconds) {
    long lease = await(client.getLeaseClient().grant(ttlSeconds)).getID();
    put(metaRoot() + "/" + relativeKey, ByteString.copyFromUtf8("{\"ServerID\":9}"), lease);
    return lease;
  }

  void revoke(long lease) {
    await(client.getLeaseClient().revoke(lease));
  }

  /** Every key of this test's instance (relative to the root path), leased ones included. */
  SortedMap<String, ByteString> dumpInstance() {
    return dump(rootPath + "/", rootPath.length() + 1);
  }

  /** Every key under the meta root, relative to it. */
  SortedMap<String, ByteString> dumpMeta() {
    return dump(metaRoot() + "/", metaRoot().length() + 1);
  }

  private SortedMap<String, ByteString> dump(String prefix, int strip) {
    SortedMap<String, ByteString> out = new TreeMap<>();
    var response = await(client.getKVClient().get(ByteSequence.from(prefix.getBytes()),
        GetOption.builder().isPrefix(true).build()));
    for (KeyValue kv : response.getKvs()) {
      out.put(new String(kv.getKey().getBytes()).substring(strip), ByteString.copyFrom(kv.getValue().getBytes()));
    }
    return out;
  }

  long revision() {
    return await(client.getKVClient().get(ByteSequence.from("-".getBytes()))).getHeader().getRevision();
  }

  static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      await(client.getKVClient().delete(ByteSequence.from((rootPath + "/").getBytes()),
          DeleteOption.builder().isPrefix(true).build()));
    } finally {
      client.close();
    }
  }
}
