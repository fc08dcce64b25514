package io.milvus.operator.migration.meta;

import io.milvus.operator.migration.support.MigrationException;

/**
 * The last segment of a snapshot key, {@code <key>_ts<timestamp>}. Splitting at the <em>last</em> {@code _ts}
 * followed only by digits also handles an alias whose name contains {@code _ts}, which upstream rejects.
 */
public record SnapshotKey(String key, long ts) {
  private static final String SEPARATOR = "_ts";

  public static SnapshotKey parse(String text) {
    int at = text.lastIndexOf(SEPARATOR);
    while (at > 0) {
      String digits = text.substring(at + SEPARATOR.length());
      if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        try {
          return new SnapshotKey(text.substring(0, at), Long.parseUnsignedLong(digits));
        } catch (NumberFormatException e) {
          break; // more than 64 bits
        }
      }
      at = text.lastIndexOf(SEPARATOR, at - 1);
    }
    throw new MigrationException("not a snapshot key (expected <key>_ts<timestamp>): '" + text + "'");
  }

  public String format() {
    return key + SEPARATOR + Long.toUnsignedString(ts);
  }
}
