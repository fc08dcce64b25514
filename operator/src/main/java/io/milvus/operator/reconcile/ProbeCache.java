package io.milvus.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last result of each external dependency check, so a reconcile never waits for a TCP connect: a reconcile reads
 * the cached result (a placeholder until the first check ends), the checks run on the {@link Scheduler}, one per
 * dependency however many Milvus share it, and the Milvus that asked are told when a result changes.
 */
final class ProbeCache {

  /** Runs a check later, off the reconcile threads. */
  @FunctionalInterface
  interface Scheduler {
    void schedule(Runnable task, Duration delay);
  }

  /** A dependency as a Milvus names it: what it is (for messages) and its host:port addresses. */
  record Target(String what, List<String> endpoints) {}

  private static final Logger LOG = LoggerFactory.getLogger(ProbeCache.class);

  private final DependencyProbe probe;
  private final ProbeSchedule schedule;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Consumer<Set<ResourceID>> onChange;
  private final Map<Target, Entry> entries = new ConcurrentHashMap<>();

  /** @param onChange receives the Milvus that asked about a dependency whose result changed */
  ProbeCache(DependencyProbe probe, ProbeSchedule schedule, Scheduler scheduler, Clock clock,
      Consumer<Set<ResourceID>> onChange) {
    this.probe = probe;
    this.schedule = schedule;
    this.scheduler = scheduler;
    this.clock = clock;
    this.onChange = onChange;
  }

  /** The latest result for {@code target}; schedules a check when none is under way. */
  DependencyHealth current(Target target, ResourceID askedBy) {
    Entry entry = entries.computeIfAbsent(target, t -> new Entry());
    Instant now = clock.instant();
    boolean startChecking;
    DependencyHealth result;
    synchronized (entry) {
      entry.askers.put(askedBy, now);
      startChecking = !entry.scheduled;
      entry.scheduled = true;
      result = entry.result;
    }
    if (startChecking) {
      scheduler.schedule(() -> check(target), Duration.ZERO);
    }
    return result != null ? result
        : new DependencyHealth(false, "External " + target.what() + " at " + String.join(", ", target.endpoints())
            + " is being checked");
  }

  private void check(Target target) {
    Entry entry = entries.get(target);
    Instant now = clock.instant();
    synchronized (entry) {
      entry.askers.values().removeIf(asked -> schedule.idle(asked, now));
      if (entry.askers.isEmpty()) {
        // kept with its last result: a Milvus that asks again gets it at once, and a fresh check starts
        entry.scheduled = false;
        return;
      }
    }
    DependencyHealth result = checkNow(target);
    Set<ResourceID> toTell;
    synchronized (entry) {
      boolean changed = !result.equals(entry.result);
      entry.result = result;
      toTell = changed ? Set.copyOf(entry.askers.keySet()) : Set.of();
    }
    if (!toTell.isEmpty()) {
      LOG.info("External {} at {}: {}; reconciling {} Milvus", target.what(), target.endpoints(),
          result.ready() ? "answers" : "does not answer", toTell.size());
      onChange.accept(toTell);
    }
    scheduler.schedule(() -> check(target), schedule.nextCheckAfter(result));
  }

  private DependencyHealth checkNow(Target target) {
    try {
      return probe.check(target.what(), target.endpoints());
    } catch (RuntimeException e) {
      // a failing probe must not end the rechecks
      return new DependencyHealth(false, "External " + target.what() + " could not be checked: " + e.getMessage());
    }
  }

  private static final class Entry {
    final Map<ResourceID, Instant> askers = new ConcurrentHashMap<>();
    DependencyHealth result;
    boolean scheduled;
  }
}
