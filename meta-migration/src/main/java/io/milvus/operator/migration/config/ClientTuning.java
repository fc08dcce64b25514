package io.milvus.operator.migration.config;

import java.time.Duration;

/**
 * Knobs that upstream's config does not have: tests and in-process callers shorten them.
 *
 * @param requestTimeout longest wait for one etcd call
 * @param lockTtl        lease TTL of the {@code session/migration} lock (kept alive while the tool runs)
 * @param maxOpsPerTxn   operations per write transaction (etcd's default limit is 128)
 * @param maxBytesPerTxn key and value bytes per write transaction (etcd's default request limit is 1.5 MiB)
 * @param readPageSize   keys per range read page
 * @param lockWait       longest wait for the lease of a dead lock holder (a killed tool) to expire; more than the
 *                       60 s TTL that this tool and upstream's give their lock
 * @param lockPoll       how often the lease of such a holder is looked at while waiting
 */
public record ClientTuning(Duration requestTimeout, Duration lockTtl, int maxOpsPerTxn, int maxBytesPerTxn,
    int readPageSize, Duration lockWait, Duration lockPoll) {

  public static ClientTuning defaults() {
    return new ClientTuning(Duration.ofSeconds(30), Duration.ofSeconds(60), 64, 1 << 20, 1000, Duration.ofSeconds(90),
        Duration.ofSeconds(1));
  }

  public ClientTuning withRequestTimeout(Duration value) {
    return new ClientTuning(value, lockTtl, maxOpsPerTxn, maxBytesPerTxn, readPageSize, lockWait, lockPoll);
  }

  public ClientTuning withLockTtl(Duration value) {
    return new ClientTuning(requestTimeout, value, maxOpsPerTxn, maxBytesPerTxn, readPageSize, lockWait, lockPoll);
  }

  public ClientTuning withMaxOpsPerTxn(int value) {
    return new ClientTuning(requestTimeout, lockTtl, value, maxBytesPerTxn, readPageSize, lockWait, lockPoll);
  }

  public ClientTuning withReadPageSize(int value) {
    return new ClientTuning(requestTimeout, lockTtl, maxOpsPerTxn, maxBytesPerTxn, value, lockWait, lockPoll);
  }

  public ClientTuning withLockWait(Duration value) {
    return new ClientTuning(requestTimeout, lockTtl, maxOpsPerTxn, maxBytesPerTxn, readPageSize, value, lockPoll);
  }

  public ClientTuning withLockPoll(Duration value) {
    return new ClientTuning(requestTimeout, lockTtl, maxOpsPerTxn, maxBytesPerTxn, readPageSize, lockWait, value);
  }
}
