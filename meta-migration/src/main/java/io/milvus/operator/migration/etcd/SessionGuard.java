package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.stub.StreamObserver;
import io.milvus.operator.migration.config.ClientTuning;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.run.SessionRules;
import io.milvus.operator.migration.support.Json;
import io.milvus.operator.migration.support.MigrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure nothing else touches the metadata while a command runs:
 * <ol>
 *   <li>refuses while any Milvus component session or a live migration's lock exists; a lock left by a holder that
 *       died (its lease is not renewed) is waited for until etcd expires it (see {@link HeldLock});</li>
 *   <li>takes the lock {@code session/migration} atomically (create-if-absent, on a kept-alive lease);</li>
 *   <li>checks the sessions again (closing the race with a component that started meanwhile);</li>
 *   <li>watches the sessions and raises the abort signal on any component session change or loss of the lock.</li>
 * </ol>
 * Every write transaction also checks the lock's create revision, so writes stop if the lock is lost.
 */
public final class SessionGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

  private final Client client;
  private final MetaRoot root;
  private final ClientTuning tuning;
  private final Clock clock;
  private final AbortSignal abort = new AbortSignal();
  private final ByteSequence lockKey;
  private volatile boolean closing;
  private long leaseId;
  private long lockRevision;
  private CloseableClient keepAlive;
  private Watch.Watcher watcher;

  private SessionGuard(Client client, MetaRoot root, ClientTuning tuning, Clock clock) {
    this.client = client;
    this.root = root;
    this.tuning = tuning;
    this.clock = clock;
    this.lockKey = ByteSequence.from(root.absolute(SessionRules.MIGRATION_LOCK));
  }

  /** Takes the lock or throws a MigrationException saying why not; nothing is left behind on refusal. */
  public static SessionGuard acquire(Client client, MetaRoot root, ClientTuning tuning, Clock clock) {
    SessionGuard guard = new SessionGuard(client, root, tuning, clock);
    try {
      guard.lock();
      return guard;
    } catch (RuntimeException e) {
      guard.close();
      throw e;
    }
  }

  public AbortSignal abortSignal() {
    return abort;
  }

  /** The condition every write transaction carries: the lock key is still the one we created. */
  public Cmp lockStillOurs() {
    return new Cmp(lockKey, Cmp.Op.EQUAL, CmpTarget.createRevision(lockRevision));
  }

  private void lock() {
    List<String> sessions = sessionKeys().keys();
    refuseIfComponentsAlive(sessions);
    if (sessions.contains(SessionRules.MIGRATION_LOCK)) {
      awaitDeadHolder();
      sessions = sessionKeys().keys(); // the preconditions again: the world may have changed while waiting
      refuseIfComponentsAlive(sessions);
    }
    Duration ttl = tuning.lockTtl();
    leaseId = Futures.await(client.getLeaseClient().grant(Math.max(1, ttl.toSeconds())), tuning.requestTimeout(),
        "granting the lock's lease").getID();
    keepAlive = client.getLeaseClient().keepAlive(leaseId, new KeepAliveObserver());
    TxnResponse taken = Futures.await(client.getKVClient().txn()
        .If(new Cmp(lockKey, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(lockKey, ByteSequence.from(lockValue()), PutOption.builder().withLeaseId(leaseId).build()))
        .commit(), tuning.requestTimeout(), "taking the migration lock");
    if (!taken.isSucceeded()) {
      throw new MigrationException("another migration is running: it took " + root + "/"
          + SessionRules.MIGRATION_LOCK + " a moment ago");
    }
    lockRevision = taken.getHeader().getRevision();
    LOG.info("took the migration lock {}/{} (lease TTL {}s, kept alive while running)", root,
        SessionRules.MIGRATION_LOCK, ttl.toSeconds());
    SessionKeys again = sessionKeys();
    refuseIfComponentsAlive(again.keys());
    watchSessions(again.revision());
    LOG.info("no Milvus component session is alive; watching {}/{} until done", root, MetaKeys.SESSIONS);
  }

  /** Returns once a dead holder's lease has expired; throws when the holder is alive or the wait too long. */
  private void awaitDeadHolder() {
    String lock = root + "/" + SessionRules.MIGRATION_LOCK;
    HeldLock.Look first = lookAtLock();
    HeldLock.Look previous = first;
    HeldLock.Look latest = first;
    boolean told = false;
    while (true) {
      HeldLock.Verdict verdict = HeldLock.judge(first, previous, latest, tuning.lockWait());
      if (verdict instanceof HeldLock.Verdict.Free) {
        if (told) {
          LOG.info("the lease of {} expired: its holder was dead; taking the lock", lock);
        }
        return;
      }
      if (verdict instanceof HeldLock.Verdict.Refuse refuse) {
        throw new MigrationException(lock + " is held: " + refuse.why());
      }
      if (!told) {
        LOG.warn("{} is held by a lease that is not being renewed so far ({}s left): its holder probably died "
            + "(a killed tool leaves its lock until the lease expires); waiting up to {}s for it to expire, "
            + "and refusing at once if it is renewed", lock, latest.ttlSeconds(), tuning.lockWait().toSeconds());
        told = true;
      }
      pause(tuning.lockPoll());
      previous = latest;
      latest = lookAtLock();
    }
  }

  private HeldLock.Look lookAtLock() {
    var found = Futures.await(client.getKVClient().get(lockKey), tuning.requestTimeout(), "reading the lock");
    Instant at = clock.instant();
    if (found.getKvs().isEmpty()) {
      return HeldLock.Look.absent(at);
    }
    KeyValue kv = found.getKvs().get(0);
    long ttl = kv.getLease() == 0 ? -1 : Futures.await(
        client.getLeaseClient().timeToLive(kv.getLease(), LeaseOption.DEFAULT), tuning.requestTimeout(),
        "reading the lock's lease").getTTL();
    return new HeldLock.Look(at, true, kv.getCreateRevision(), kv.getLease(), ttl);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("interrupted while waiting for the migration lock", e);
    }
  }

  private record SessionKeys(List<String> keys, long revision) {}

  private SessionKeys sessionKeys() {
    ByteSequence prefix = ByteSequence.from(root.absolute(MetaKeys.SESSIONS));
    var response = Futures.await(client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()),
        tuning.requestTimeout(), "reading the sessions");
    List<String> keys = new ArrayList<>();
    for (KeyValue kv : response.getKvs()) {
      root.relative(ByteString.copyFrom(kv.getKey().getBytes())).ifPresent(keys::add);
    }
    return new SessionKeys(keys, response.getHeader().getRevision());
  }

  private void refuseIfComponentsAlive(List<String> sessionKeys) {
    List<String> alive = SessionRules.aliveComponents(sessionKeys);
    if (!alive.isEmpty()) {
      throw new MigrationException("there are still sessions alive: " + alive + "; stop every Milvus component "
          + "first (their sessions expire within their TTL after the pods stop)");
    }
  }

  private void watchSessions(long revision) {
    WatchOption options = WatchOption.builder().isPrefix(true).withRevision(revision + 1).build();
    watcher = client.getWatchClient().watch(ByteSequence.from(root.absolute(MetaKeys.SESSIONS)), options,
        Watch.listener(this::onSessionEvents, this::onWatchError));
  }

  private void onSessionEvents(WatchResponse response) {
    for (WatchEvent event : response.getEvents()) {
      String key = root.relative(ByteString.copyFrom(event.getKeyValue().getKey().getBytes())).orElse("");
      boolean put = event.getEventType() == WatchEvent.EventType.PUT;
      if (SessionRules.isComponentSession(key)) {
        abort.raise("session " + key + (put ? " appeared" : " disappeared") + " while migrating: a Milvus "
            + "component is running");
      } else if (key.equals(SessionRules.MIGRATION_LOCK) && !put && !closing) {
        abort.raise("the migration lock " + key + " was deleted");
      }
    }
  }

  private void onWatchError(Throwable error) {
    if (!closing) {
      abort.raise("lost the watch on sessions: " + error.getMessage());
    }
  }

  private final class KeepAliveObserver implements StreamObserver<LeaseKeepAliveResponse> {
    @Override
    public void onNext(LeaseKeepAliveResponse response) {
      if (response.getTTL() <= 0 && !closing) {
        abort.raise("the migration lock's lease expired");
      }
    }

    @Override
    public void onError(Throwable error) {
      if (!closing) {
        abort.raise("cannot keep the migration lock alive: " + error.getMessage());
      }
    }

    @Override
    public void onCompleted() {
      if (!closing) {
        abort.raise("the migration lock's keep-alive ended");
      }
    }
  }

  /** Shaped like a Milvus session, so upstream's tool recognises it as "another migration". */
  private static ByteString lockValue() {
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("ServerID", 0L);
    session.put("ServerName", "migration");
    session.put("Address", Instant.now().toString());
    session.put("Exclusive", true);
    session.put("TriggerKill", false);
    session.put("Version", "meta-migration (java)");
    return ByteString.copyFromUtf8(Json.write(session));
  }

  /** Releases the lock now (upstream polls until the key is gone; a revoke removes it at once). */
  @Override
  public void close() {
    closing = true;
    if (watcher != null) {
      watcher.close();
    }
    if (keepAlive != null) {
      keepAlive.close();
    }
    if (leaseId != 0) {
      try {
        Futures.await(client.getLeaseClient().revoke(leaseId), tuning.requestTimeout(), "releasing the lock");
        LOG.info("released the migration lock");
      } catch (MigrationException e) {
        LOG.warn("could not release the migration lock ({}); it expires by itself within {}s", e.getMessage(),
            tuning.lockTtl().toSeconds());
      }
    }
  }
}
