package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A de-duplicating queue of keys handled one at a time by a dedicated thread, like client-go's workqueue: a key
 * added while queued is merged, a key added while being handled is handled again afterwards. A failing key is
 * retried with backoff and never stops the worker.
 */
final class WorkQueue<K> implements AutoCloseable {

  @FunctionalInterface
  interface Handler<K> {
    void handle(K key) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  private static final long MIN_BACKOFF_MS = 20;
  private static final long MAX_BACKOFF_MS = 2000;

  private final String name;
  private final Handler<K> handler;
  private final ScheduledExecutorService timers;
  private final LinkedBlockingQueue<K> queue = new LinkedBlockingQueue<>();
  private final Set<K> queued = ConcurrentHashMap.newKeySet();
  private final Map<K, Long> delayedUntil = new ConcurrentHashMap<>();
  private final Map<K, Integer> failures = new ConcurrentHashMap<>();
  private final Thread worker;
  private volatile boolean closed;

  WorkQueue(String name, Handler<K> handler, ScheduledExecutorService timers) {
    this.name = name;
    this.handler = handler;
    this.timers = timers;
    this.worker = new Thread(this::work, "kube-sim-" + name);
    this.worker.setDaemon(true);
    this.worker.start();
  }

  void add(K key) {
    if (!closed && queued.add(key)) {
      queue.add(key);
    }
  }

  /** Adds the key after the delay, unless an earlier delayed add of the same key is pending. */
  void addAfter(K key, Duration delay) {
    if (closed) {
      return;
    }
    long delayNanos = Math.max(0, delay.toNanos());
    long due = System.nanoTime() + delayNanos;
    Long pending = delayedUntil.get(key);
    if (pending != null && pending - due <= 0) {
      return;
    }
    delayedUntil.put(key, due);
    timers.schedule(() -> {
      delayedUntil.remove(key, due);
      add(key);
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void work() {
    while (!closed) {
      K key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      queued.remove(key);
      try {
        handler.handle(key);
        failures.remove(key);
      } catch (InterruptedException e) {
        return;
      } catch (Exception | LinkageError | AssertionError e) {
        if (closed) {
          return;
        }
        retryLater(key, e);
      }
    }
  }

  private void retryLater(K key, Throwable error) {
    int attempt = failures.merge(key, 1, Integer::sum);
    long backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(attempt - 1, 10));
    if (hasCode(error, 409)) {
      LOG.debug("{}: conflict on {}, retrying", name, key);
      addAfter(key, Duration.ofMillis(Math.min(5L * attempt, 200)));
      return;
    }
    if (hasCode(error, 404)) {
      // deleted under our feet: the retry finds it gone (or finds what replaced it)
      LOG.debug("{}: {} vanished while handled: {}", name, key, error.toString());
      addAfter(key, Duration.ofMillis(backoff));
      return;
    }
    if (attempt <= 3 || attempt % 20 == 0) {
      LOG.warn("{}: handling {} failed (attempt {}), retrying in {} ms: {}", name, key, attempt, backoff, error.toString(),
          attempt == 1 ? error : null);
    }
    addAfter(key, Duration.ofMillis(backoff));
  }

  private static boolean hasCode(Throwable error, int code) {
    return error instanceof KubernetesClientException kce && kce.getCode() == code;
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }
}
