package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedTimeTest {

  @Test
  void readsRfc3339WithAnyOffset() {
    assertThat(RecordedTime.orLongPast("2026-12-07T10:00:00Z")).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(RecordedTime.orLongPast("2026-12-07T18:00:00+08:00")).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
  }

  @Test
  void aTimeThatCannotBeReadIsLongPastNeverNow() {
    assertThat(RecordedTime.orLongPast("soon")).isEqualTo(Instant.EPOCH);
    assertThat(RecordedTime.orLongPast("")).isEqualTo(Instant.EPOCH);
    assertThat(RecordedTime.orLongPast(null)).isEqualTo(Instant.EPOCH);
  }
}
