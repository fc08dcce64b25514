package io.milvus.operator.migration.etcd;

import java.util.ArrayList;
import java.util.List;

/** Splits writes into transactions that respect etcd's limits on operations and request size. */
public final class TxnBatches {
  private TxnBatches() {}

  public static List<List<Mutation>> split(List<? extends Mutation> mutations, int maxOps, int maxBytes) {
    List<List<Mutation>> batches = new ArrayList<>();
    List<Mutation> current = new ArrayList<>();
    int bytes = 0;
    for (Mutation mutation : mutations) {
      boolean full = current.size() >= maxOps || (!current.isEmpty() && bytes + mutation.size() > maxBytes);
      if (full) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(mutation);
      bytes += mutation.size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
