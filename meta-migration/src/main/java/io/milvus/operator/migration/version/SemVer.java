package io.milvus.operator.migration.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict semantic version (semver.org 2.0.0): {@code MAJOR.MINOR.PATCH[-pre.release][+build]}, no {@code v}
 * prefix, no leading zeros. Ordering follows the spec, so {@code 2.2.0-rc1 < 2.2.0}; build metadata is ignored.
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease, String build)
    implements Comparable<SemVer> {

  private static final String NUMBER = "0|[1-9]\\d*";
  private static final String PRE_ID = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
  private static final Pattern STRICT = Pattern.compile(
      "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
          + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  public SemVer {
    preRelease = List.copyOf(preRelease);
    build = Objects.requireNonNullElse(build, "");
  }

  public static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, List.of(), "");
  }

  /** Parses strictly; throws IllegalArgumentException with the offending text. */
  public static SemVer parse(String text) {
    Matcher m = STRICT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a semantic version (expected e.g. 2.1.4, without a 'v'): '"
          + text + "'");
    }
    try {
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      return new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          pre, m.group(5));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version number too large: '" + text + "'", e);
    }
  }

  @Override
  public int compareTo(SemVer other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
  }

  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty()); // a release ranks above its pre-releases
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean aNumeric = a.chars().allMatch(Character::isDigit);
    boolean bNumeric = b.chars().allMatch(Character::isDigit);
    if (aNumeric && bNumeric) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    }
    return a.compareTo(b);
  }

  public boolean isBefore(SemVer other) {
    return compareTo(other) < 0;
  }

  public boolean isAtLeast(SemVer other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch
        + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease))
        + (build.isEmpty() ? "" : "+" + build);
  }
}
