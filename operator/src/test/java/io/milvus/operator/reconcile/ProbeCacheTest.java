package io.milvus.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProbeCacheTest {

  private static final ProbeCache.Target ETCD = new ProbeCache.Target("etcd", List.of("etcd.example:2379"));
  private static final ResourceID FIRST = new ResourceID("first", "ns");
  private static final ResourceID SECOND = new ResourceID("second", "ns");
  private static final ProbeSchedule SCHEDULE =
      new ProbeSchedule(Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofHours(1));

  /** The checks the cache asked for, run when the test says so. */
  private final List<Scheduled> pending = new ArrayList<>();
  private final Set<ResourceID> told = new HashSet<>();
  private final AtomicInteger probes = new AtomicInteger();
  private boolean etcdAnswers;
  private Instant now = Instant.parse("2026-12-07T17:00:00Z");

  private record Scheduled(Runnable task, Duration delay) {}

  private final ProbeCache cache = new ProbeCache((what, endpoints) -> {
    probes.incrementAndGet();
    return new DependencyHealth(etcdAnswers, etcdAnswers ? "up" : "down");
  }, SCHEDULE, (task, delay) -> pending.add(new Scheduled(task, delay)), new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }, told::addAll);

  @Test
  void aReconcileNeverWaitsForTheCheckAndLearnsItsResultThroughAnEvent() {
    DependencyHealth first = cache.current(ETCD, FIRST);

    assertThat(first.ready()).isFalse();
    assertThat(first.message()).contains("etcd.example:2379").contains("being checked");
    assertThat(probes).hasValue(0);

    etcdAnswers = true;
    runNextCheck(Duration.ZERO);

    assertThat(told).containsExactly(FIRST);
    assertThat(cache.current(ETCD, FIRST)).isEqualTo(new DependencyHealth(true, "up"));
  }

  @Test
  void milvusesSharingADependencyShareOneCheck() {
    cache.current(ETCD, FIRST);
    cache.current(ETCD, SECOND);

    assertThat(pending).hasSize(1);
    runNextCheck(Duration.ZERO);

    assertThat(probes).hasValue(1);
    assertThat(told).containsExactlyInAnyOrder(FIRST, SECOND);
  }

  @Test
  void anUnreachableDependencyIsRecheckedSoonAndAnAnsweringOneSeldom() {
    cache.current(ETCD, FIRST);
    runNextCheck(Duration.ZERO);
    assertThat(pending).extracting(Scheduled::delay).containsExactly(Duration.ofSeconds(15));

    etcdAnswers = true;
    runNextCheck(Duration.ofSeconds(15));
    assertThat(pending).extracting(Scheduled::delay).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void anUnchangedResultReconcilesNothing() {
    cache.current(ETCD, FIRST);
    runNextCheck(Duration.ZERO);
    told.clear();

    runNextCheck(Duration.ofSeconds(15));

    assertThat(probes).hasValue(2);
    assertThat(told).isEmpty();
  }

  @Test
  void aDependencyNoMilvusAsksAboutAnyMoreIsNoLongerCheckedButAnswersAtOnceWhenAskedAgain() {
    cache.current(ETCD, FIRST);
    runNextCheck(Duration.ZERO);

    now = now.plus(Duration.ofHours(2));
    runNextCheck(Duration.ofSeconds(15));
    assertThat(pending).isEmpty();
    assertThat(probes).hasValue(1);

    assertThat(cache.current(ETCD, FIRST)).isEqualTo(new DependencyHealth(false, "down"));
    assertThat(pending).extracting(Scheduled::delay).containsExactly(Duration.ZERO);
  }

  @Test
  void aProbeThatFailsIsReportedAndRecheckedLikeAnUnreachableDependency() {
    ProbeCache failing = new ProbeCache((what, endpoints) -> {
      throw new IllegalStateException("no route");
    }, SCHEDULE, (task, delay) -> pending.add(new Scheduled(task, delay)), Clock.systemUTC(), told::addAll);

    failing.current(ETCD, FIRST);
    runNextCheck(Duration.ZERO);

    assertThat(failing.current(ETCD, FIRST).message()).contains("no route");
    assertThat(pending).extracting(Scheduled::delay).containsExactly(Duration.ofSeconds(15));
  }

  private void runNextCheck(Duration expectedDelay) {
    assertThat(pending).hasSize(1);
    Scheduled next = pending.remove(0);
    assertThat(next.delay()).isEqualTo(expectedDelay);
    next.task().run();
  }
}
