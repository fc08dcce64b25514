package io.milvus.operator.api;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Milvus release version, parsed tolerantly as upstream does ("v2.4", "2.4.23", "v2.5.0-beta").
 * Pre-releases sort before their release.
 */
public record MilvusVersion(int major, int minor, int patch, String preRelease) implements Comparable<MilvusVersion> {

  private static final Pattern VERSION =
      Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

  /** Image tags like {@code master-20240101-abcdef} are builds of the development branch: newer than any release. */
  private static final String DEVELOPMENT_TAG_PREFIX = "master-";

  public static final MilvusVersion DEVELOPMENT = new MilvusVersion(Integer.MAX_VALUE, 0, 0, "");

  private static final Comparator<MilvusVersion> ORDER =
      Comparator.comparingInt(MilvusVersion::major)
          .thenComparingInt(MilvusVersion::minor)
          .thenComparingInt(MilvusVersion::patch)
          .thenComparing(MilvusVersion::preRelease, MilvusVersion::comparePreRelease);

  public MilvusVersion {
    preRelease = preRelease == null ? "" : preRelease;
  }

  public static MilvusVersion of(int major, int minor, int patch) {
    return new MilvusVersion(major, minor, patch, "");
  }

  /** Parses "2.4.23", "v2.4.23", "v2.4" or "2.5.0-beta"; empty when it is not a version. */
  public static Optional<MilvusVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    if (trimmed.startsWith(DEVELOPMENT_TAG_PREFIX)) {
      return Optional.of(DEVELOPMENT);
    }
    Matcher m = VERSION.matcher(trimmed);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new MilvusVersion(
        Integer.parseInt(m.group(1)),
        m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        m.group(4)));
  }

  /** The version in an image reference's tag: {@code milvusdb/milvus:v2.4.23} gives 2.4.23. */
  public static Optional<MilvusVersion> fromImage(String image) {
    return imageTag(image).flatMap(MilvusVersion::parse);
  }

  /** The tag of an image reference, ignoring a registry port and a digest. */
  public static Optional<String> imageTag(String image) {
    if (image == null) {
      return Optional.empty();
    }
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int lastSlash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    if (colon <= lastSlash || colon == withoutDigest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(withoutDigest.substring(colon + 1));
  }

  /** The version a component runs: the explicit {@code version} field wins over the image tag. */
  public static Optional<MilvusVersion> of(String explicitVersion, String image) {
    if (explicitVersion != null && !explicitVersion.isBlank()) {
      return parse(explicitVersion);
    }
    return fromImage(image);
  }

  public boolean isAtLeast(int major, int minor, int patch) {
    return compareTo(of(major, minor, patch)) >= 0;
  }

  public boolean isBefore(int major, int minor, int patch) {
    return !isAtLeast(major, minor, patch);
  }

  /** Same major and minor: 2.4.5 and 2.4.23 are one release line. */
  public boolean sameMinor(MilvusVersion other) {
    return major == other.major && minor == other.minor;
  }

  @Override
  public int compareTo(MilvusVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    if (this.equals(DEVELOPMENT)) {
      return "master";
    }
    return "v" + major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }

  private static int comparePreRelease(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty()); // a release sorts after its pre-releases
    }
    return a.compareTo(b);
  }
}
