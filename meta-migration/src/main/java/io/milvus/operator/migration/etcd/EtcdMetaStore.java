package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.milvus.operator.migration.config.ClientTuning;
import io.milvus.operator.migration.support.MigrationException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that reads and writes metadata in etcd. Reads page through a prefix at one revision; writes go in
 * transactions guarded by the migration lock (a transaction fails if the lock is no longer ours), with the abort
 * signal and the test hook checked before each one.
 */
public final class EtcdMetaStore {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdMetaStore.class);

  private final KV kv;
  private final ClientTuning tuning;
  private final WriteHook hook;
  private final AbortSignal abort;
  private final Cmp lockStillOurs;

  public EtcdMetaStore(KV kv, ClientTuning tuning, WriteHook hook, AbortSignal abort, Cmp lockStillOurs) {
    this.kv = kv;
    this.tuning = tuning;
    this.hook = hook;
    this.abort = abort;
    this.lockStillOurs = lockStillOurs;
    hook.stopsOn(abort);
  }

  /** Every key under {@code prefix} as of a single revision, however many pages that takes. */
  public StoreSnapshot read(ByteString prefix) {
    ByteSequence end = ByteSequence.from(prefixEnd(prefix));
    SortedMap<ByteString, StoredValue> entries = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    GetOption.Builder options = GetOption.builder().withRange(end).withLimit(tuning.readPageSize());
    GetResponse page = get(ByteSequence.from(prefix), options.build());
    long revision = page.getHeader().getRevision();
    while (true) {
      ByteString last = null;
      for (KeyValue kv : page.getKvs()) {
        last = ByteString.copyFrom(kv.getKey().getBytes());
        entries.put(last, new StoredValue(ByteString.copyFrom(kv.getValue().getBytes()), kv.getLease()));
      }
      if (!page.isMore() || last == null) {
        return new StoreSnapshot(revision, entries);
      }
      ByteSequence next = ByteSequence.from(last.concat(ByteString.copyFrom(new byte[] {0})));
      page = get(next, options.withRevision(revision).build());
    }
  }

  private GetResponse get(ByteSequence from, GetOption options) {
    return Futures.await(kv.get(from, options), tuning.requestTimeout(), "reading the metadata");
  }

  /** Writes in order, one transaction per batch; a failure leaves earlier batches written. */
  public void apply(String phase, List<? extends Mutation> mutations) {
    if (mutations.isEmpty()) {
      LOG.info("{}: nothing to write", phase);
      return;
    }
    List<List<Mutation>> batches = TxnBatches.split(mutations, tuning.maxOpsPerTxn(), tuning.maxBytesPerTxn());
    for (int i = 0; i < batches.size(); i++) {
      hook.beforeBatch(phase, i, batches.size());
      abort.throwIfRaised();
      Txn txn = kv.txn().If(lockStillOurs).Then(batches.get(i).stream().map(EtcdMetaStore::toOp).toArray(Op[]::new));
      TxnResponse response = Futures.await(txn.commit(), tuning.requestTimeout(),
          phase + " (transaction " + (i + 1) + " of " + batches.size() + ")");
      if (!response.isSucceeded()) {
        throw new MigrationException("the migration lock is no longer ours (its lease ran out or it was taken over);"
            + " stopped during '" + phase + "' before transaction " + (i + 1) + " of " + batches.size());
      }
    }
    LOG.info("{}: {} key(s) in {} transaction(s)", phase, mutations.size(), batches.size());
  }

  private static Op toOp(Mutation mutation) {
    ByteSequence key = ByteSequence.from(mutation.key());
    if (mutation instanceof Mutation.Put put) {
      return Op.put(key, ByteSequence.from(put.value()), PutOption.DEFAULT);
    }
    return Op.delete(key, DeleteOption.DEFAULT);
  }

  /** The smallest key greater than every key starting with {@code prefix}. */
  static ByteString prefixEnd(ByteString prefix) {
    byte[] end = prefix.toByteArray();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteString.copyFrom(end, 0, i + 1);
      }
    }
    return ByteString.copyFrom(new byte[] {0}); // etcd: "\0" as range end means "to the end of the keyspace"
  }
}
