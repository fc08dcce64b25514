package io.milvus.operator.reconcile;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The external dependencies (etcd, storage, Pulsar, Kafka outside the cluster) as an event source: checked on a
 * thread of their own through a {@link ProbeCache}, and a change of result reconciles the Milvus that use them, so
 * nothing polls from the reconcile threads.
 */
final class DependencyChecks extends AbstractEventSource<DependencyHealth, Milvus> {

  static final String NAME = "external-dependencies";

  private final ProbeCache cache;
  private ScheduledExecutorService executor;

  DependencyChecks(DependencyProbe probe, Duration recheck, Clock clock) {
    super(DependencyHealth.class, NAME);
    this.cache = new ProbeCache(probe, ProbeSchedule.standard(recheck), this::schedule, clock, this::reconcile);
  }

  DependencyHealth current(ProbeCache.Target target, ResourceID milvus) {
    return cache.current(target, milvus);
  }

  @Override
  public Set<DependencyHealth> getSecondaryResources(Milvus primary) {
    return Set.of(); // the observer reads the cache itself, per dependency
  }

  @Override
  public synchronized void start() throws OperatorException {
    // a connect that hangs until its timeout delays the other checks, not a reconcile; two threads keep one slow
    // dependency from holding up the rest
    executor = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "dependency-checks");
      thread.setDaemon(true);
      return thread;
    });
    super.start();
  }

  @Override
  public synchronized void stop() throws OperatorException {
    super.stop();
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private synchronized void schedule(Runnable task, Duration delay) {
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void reconcile(Set<ResourceID> milvuses) {
    if (isRunning()) {
      milvuses.forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }
}
