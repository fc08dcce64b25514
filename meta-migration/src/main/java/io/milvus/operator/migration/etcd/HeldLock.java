package io.milvus.operator.migration.etcd;

import java.time.Duration;
import java.time.Instant;

/**
 * Pure: what to do about a migration lock that someone else holds, from successive looks at its lease.
 *
 * <p>A live holder (this tool, upstream's, any etcd client) renews its lease at a third of the TTL, so its remaining
 * TTL goes back up within that time. A holder that was killed leaves a lease whose TTL only goes down until etcd
 * deletes the key. So: a renewal or a new holder means a migration is live (refuse at once); a key that disappears
 * was left by a dead holder (take the lock); meanwhile, wait, but never longer than the caller allows.
 */
public final class HeldLock {
  private HeldLock() {}

  /**
   * One look at the lock key and its lease.
   *
   * @param present        the key exists
   * @param createRevision the key's create revision: another value means another holder
   * @param leaseId        0 for a key without lease
   * @param ttlSeconds     remaining TTL of the lease; -1 when etcd no longer has the lease
   */
  public record Look(Instant at, boolean present, long createRevision, long leaseId, long ttlSeconds) {
    static Look absent(Instant at) {
      return new Look(at, false, 0, 0, -1);
    }
  }

  public sealed interface Verdict {
    /** The key is gone: the holder is dead and its lease has expired. */
    record Free() implements Verdict {}

    /** The lease is not being renewed (so far): look again after a while. */
    record Wait(Duration left) implements Verdict {}

    /** Another migration holds the lock now, or waiting for it would take too long: refuse. */
    record Refuse(String why) implements Verdict {}
  }

  /**
   * @param first    the first look, when the lock was found taken
   * @param previous the look before {@code latest} (the first look at the start)
   * @param maxWait  the longest this tool waits for a dead holder's lease to expire
   */
  public static Verdict judge(Look first, Look previous, Look latest, Duration maxWait) {
    if (!latest.present() || (latest.leaseId() != 0 && latest.ttlSeconds() < 0)) {
      return new Verdict.Free();
    }
    if (latest.createRevision() != first.createRevision() || latest.leaseId() != first.leaseId()) {
      return new Verdict.Refuse("another migration is running: it took the lock while this one waited");
    }
    if (latest.leaseId() == 0) {
      return new Verdict.Refuse("the lock has no lease, so it never expires: another tool holds it, or it was put by"
          + " hand; delete it only once you are sure that no migration runs");
    }
    if (latest.ttlSeconds() > previous.ttlSeconds()) {
      return new Verdict.Refuse("another migration is running: its lock's lease is being renewed");
    }
    if (first.ttlSeconds() > maxWait.toSeconds()) {
      return new Verdict.Refuse("the lock's lease has " + first.ttlSeconds() + "s left, longer than this tool waits ("
          + maxWait.toSeconds() + "s); if its holder died, run again once the lease has expired");
    }
    Duration waited = Duration.between(first.at(), latest.at());
    if (waited.compareTo(maxWait) >= 0) {
      return new Verdict.Refuse("the lock is still held after waiting " + waited.toSeconds() + "s for its lease to"
          + " expire");
    }
    return new Verdict.Wait(maxWait.minus(waited));
  }
}
