package io.milvus.operator.migration.etcd;

/**
 * Called before each write transaction. Production uses {@link #NONE}; tests throw from it to simulate a crash
 * at an exact point, or kill etcd there.
 */
@FunctionalInterface
public interface WriteHook {
  WriteHook NONE = (phase, batch, batches) -> {};

  /**
   * @param phase   the step being written, e.g. "write new 2.2 keys"
   * @param batch   0-based index of the transaction within the step
   * @param batches number of transactions of the step
   */
  void beforeBatch(String phase, int batch, int batches);

  /** Handed the signal the writes stop on, before the first write: a test can wait for a watch to raise it. */
  default void stopsOn(AbortSignal abort) {}
}
