package io.milvus.operator.upgrade;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Pure: a time the operator (or upstream's) wrote on a resource, read back. */
final class RecordedTime {

  private RecordedTime() {}

  /**
   * The RFC 3339 time, with any offset; a time that is missing or cannot be read counts as long past, never as now:
   * a deadline measured from it then fires (and its rollback runs) instead of being pushed back forever.
   */
  static Instant orLongPast(String text) {
    if (text == null) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
