package io.milvus.operator.migration.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.migration.etcd.HeldLock.Look;
import io.milvus.operator.migration.etcd.HeldLock.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeldLockTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Look look(int secondsLater, long ttl) {
    return new Look(T0.plusSeconds(secondsLater), true, 7, 42, ttl);
  }

  @Test
  void aLeaseThatOnlyRunsDownIsWaitedFor() {
    Look first = look(0, 60);

    assertThat(HeldLock.judge(first, first, first, WAIT)).isEqualTo(new Verdict.Wait(WAIT));
    assertThat(HeldLock.judge(first, look(10, 50), look(11, 49), WAIT)).isEqualTo(new Verdict.Wait(Duration.ofSeconds(79)));
  }

  @Test
  void theKeyGoneOrItsLeaseExpiredFreesTheLock() {
    Look first = look(0, 60);

    assertThat(HeldLock.judge(first, look(59, 1), Look.absent(T0.plusSeconds(60)), WAIT)).isInstanceOf(Verdict.Free.class);
    assertThat(HeldLock.judge(first, look(59, 1), look(60, -1), WAIT)).isInstanceOf(Verdict.Free.class);
  }

  @Test
  void aRenewalMeansAMigrationIsLive() {
    Verdict verdict = HeldLock.judge(look(0, 60), look(19, 41), look(20, 60), WAIT);

    assertThat(verdict).isInstanceOf(Verdict.Refuse.class);
    assertThat(((Verdict.Refuse) verdict).why()).contains("renewed");
  }

  @Test
  void aNewHolderMeansAMigrationIsLive() {
    Look taken = new Look(T0.plusSeconds(30), true, 8, 43, 60);

    assertThat(HeldLock.judge(look(0, 60), look(29, 31), taken, WAIT)).isInstanceOf(Verdict.Refuse.class);
  }

  @Test
  void aKeyWithoutLeaseNeverExpiresSoItIsRefused() {
    Look forever = new Look(T0, true, 7, 0, -1);

    assertThat(HeldLock.judge(forever, forever, forever, WAIT)).isInstanceOf(Verdict.Refuse.class);
  }

  @Test
  void theWaitIsBounded() {
    assertThat(HeldLock.judge(look(0, 600), look(0, 600), look(0, 600), WAIT)).as("would outlast the wait")
        .isInstanceOf(Verdict.Refuse.class);
    assertThat(HeldLock.judge(look(0, 60), look(89, 60), look(90, 60), WAIT)).as("a lease etcd does not expire")
        .isInstanceOf(Verdict.Refuse.class);
  }
}
