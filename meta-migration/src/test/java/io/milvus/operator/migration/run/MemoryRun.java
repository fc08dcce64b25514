package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.etcd.Mutation;
import io.milvus.operator.migration.etcd.TxnBatches;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.version.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plays {@code run} against an in-memory keyspace the way RunCommand plays it against etcd (same decision, same
 * steps, same transaction batching), and can stop after any number of transactions, like a crash.
 */
final class MemoryRun {
  static final SemVer SOURCE = SemVer.parse("2.1.4");
  static final SemVer TARGET = SemVer.parse("2.2.0");
  static final int OPS_PER_TXN = 4;

  record Result(Keyspace keyspace, int transactions, boolean crashed, RunDecision decision) {}

  private MemoryRun() {}

  static Result run(Keyspace start, int crashAfterTransactions) {
    RunDecision decision = RunPlanner.decide(start, SOURCE, TARGET, "2026-01-01T00:00:00Z");
    if (decision instanceof RunDecision.Refuse refuse) {
      throw new IllegalStateException("refused: " + refuse.reason());
    }
    Keyspace keyspace = start;
    int done = 0;
    for (WriteStep step : RunSteps.of(decision)) {
      List<Mutation> mutations = new ArrayList<>();
      step.puts().forEach((k, v) -> mutations.add(new Mutation.Put(ByteString.copyFromUtf8(k), v)));
      step.deletes().forEach(k -> mutations.add(new Mutation.Delete(ByteString.copyFromUtf8(k))));
      for (List<Mutation> txn : TxnBatches.split(mutations, OPS_PER_TXN, Integer.MAX_VALUE)) {
        if (done == crashAfterTransactions) {
          return new Result(keyspace, done, true, decision);
        }
        keyspace = applyTxn(keyspace, txn);
        done++;
      }
    }
    return new Result(keyspace, done, false, decision);
  }

  static Keyspace runToEnd(Keyspace start) {
    return run(start, Integer.MAX_VALUE).keyspace();
  }

  private static Keyspace applyTxn(Keyspace keyspace, List<Mutation> txn) {
    TreeMap<String, ByteString> puts = new TreeMap<>();
    TreeSet<String> deletes = new TreeSet<>();
    for (Mutation m : txn) {
      String key = m.key().toStringUtf8();
      if (m instanceof Mutation.Put put) {
        puts.put(key, put.value());
      } else {
        deletes.add(key);
      }
    }
    return keyspace.apply(puts, deletes);
  }
}
