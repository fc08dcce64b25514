package io.milvus.operator.kubesim;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Ages as kubectl prints them ({@code 45s}, {@code 3m20s}, {@code 12m}, {@code 5h4m}, {@code 3d2h}...). Pure. */
final class HumanDuration {

  private HumanDuration() {
  }

  /** The age of an RFC 3339 timestamp at {@code now}, or {@code <unknown>} when there is none. */
  static String since(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isEmpty()) {
      return "<unknown>";
    }
    try {
      return format(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  static String format(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? days + "d" : days + "d" + h + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    if (days < 365 * 8) {
      long dy = days % 365;
      return dy == 0 ? years + "y" : years + "y" + dy + "d";
    }
    return years + "y";
  }
}
