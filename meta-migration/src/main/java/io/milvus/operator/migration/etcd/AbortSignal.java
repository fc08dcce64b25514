package io.milvus.operator.migration.etcd;

import io.milvus.operator.migration.support.MigrationException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raised from etcd callbacks (session watch, lease keep-alive); the writer checks it before every transaction. */
public final class AbortSignal {
  private static final Logger LOG = LoggerFactory.getLogger(AbortSignal.class);
  private final AtomicReference<String> reason = new AtomicReference<>();
  private final CountDownLatch raised = new CountDownLatch(1);

  public void raise(String why) {
    if (reason.compareAndSet(null, why)) {
      LOG.error("stopping: {}", why);
      raised.countDown();
    }
  }

  /** Waits until the signal is raised, at most {@code timeout}; whether it was. */
  public boolean awaitRaised(Duration timeout) throws InterruptedException {
    return raised.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }

  public void throwIfRaised() {
    String why = reason.get();
    if (why != null) {
      throw new MigrationException("stopped before the next write: " + why);
    }
  }
}
