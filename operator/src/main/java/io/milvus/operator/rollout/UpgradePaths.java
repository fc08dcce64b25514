package io.milvus.operator.rollout;

import io.milvus.operator.api.Serialization;
import io.milvus.operator.api.MilvusVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which version changes Milvus supports, as data ({@code upgrade-paths.yaml}), in the manner of Strimzi's version
 * matrix: adding a rule or a release is a data change, not a code change. {@link PathPlanner} turns these rules into
 * the hops between two versions.
 *
 * @param latestPatches the latest patch of each minor line the operator knows: the versions of intermediate hops
 * @param hopImages images configured for intermediate hops ({@code --upgrade-hop-image}), used as written
 */
public record UpgradePaths(MilvusVersion rollingFrom, List<MilvusVersion> latestPatches, List<Rule> rules,
    List<Downgrade> downgrades, List<String> hopImages) {

  private static final String RESOURCE = "upgrade-paths.yaml";

  public UpgradePaths {
    latestPatches = latestPatches.stream().sorted().toList();
  }

  /** What a rule asks of a path. */
  public enum Need {
    /** The metadata layout changed: only a MilvusUpgrade migrates it. */
    MIGRATION,
    /** The path must stop on a release in [fromBelow, toAtLeast). */
    HOP
  }

  /**
   * A move from below {@code fromBelow} to {@code toAtLeast} or later needs something.
   *
   * @param mixCoordAtHop whether a cluster must run one mixCoord at the stop (a planned step of its own)
   */
  public record Rule(MilvusVersion fromBelow, MilvusVersion toAtLeast, Need need, boolean mixCoordAtHop,
      String message) {
    public boolean appliesTo(MilvusVersion from, MilvusVersion to) {
      return from.compareTo(fromBelow) < 0 && to.compareTo(toAtLeast) >= 0;
    }

    String explain(MilvusVersion from, MilvusVersion to) {
      return message.replace("{from}", from.toString()).replace("{to}", to.toString());
    }
  }

  /** Milvus cannot go back from {@code fromAtLeast} or later to below {@code toBelow}. */
  public record Downgrade(MilvusVersion fromAtLeast, MilvusVersion toBelow, String message) {
    boolean forbids(MilvusVersion from, MilvusVersion to) {
      return from.compareTo(fromAtLeast) >= 0 && to.compareTo(toBelow) < 0;
    }
  }

  /** The rules shipped with the operator. */
  public static UpgradePaths standard() {
    try (InputStream in = UpgradePaths.class.getResourceAsStream(RESOURCE)) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static UpgradePaths parse(InputStream yaml) {
    Document doc = Serialization.KUBERNETES.unmarshal(yaml, Document.class);
    return new UpgradePaths(version(doc.rollingFrom),
        doc.latestPatches.stream().map(UpgradePaths::version).toList(),
        doc.rules.stream().map(r -> new Rule(version(r.fromBelow), version(r.toAtLeast), need(r.needs),
            "mixCoord".equals(r.topology), r.message.strip())).toList(),
        doc.downgrades.stream().map(d -> new Downgrade(version(d.fromAtLeast), version(d.toBelow), d.message.strip()))
            .toList(),
        List.of());
  }

  /**
   * These rules with other latest patches: a version given here replaces the known one of its minor line (the
   * operator's {@code --upgrade-hop-image}), so a site can stop on a patch it has tested or mirrored.
   */
  public UpgradePaths withLatestPatches(List<MilvusVersion> overrides) {
    List<MilvusVersion> merged = new ArrayList<>(overrides);
    latestPatches.stream().filter(known -> overrides.stream().noneMatch(known::sameMinor)).forEach(merged::add);
    return new UpgradePaths(rollingFrom, merged, rules, downgrades, hopImages);
  }

  /**
   * These rules with the operator's configured hop images: each names the patch to stop on for its minor line, and is
   * the image that hop runs.
   *
   * @throws IllegalArgumentException for an image whose tag is not a Milvus version
   */
  public UpgradePaths withHopImages(List<String> images) {
    List<MilvusVersion> versions = images.stream().map(image -> MilvusVersion.fromImage(image)
        .orElseThrow(() -> new IllegalArgumentException("the tag of hop image " + image + " is not a Milvus version")))
        .toList();
    UpgradePaths patched = withLatestPatches(versions);
    return new UpgradePaths(rollingFrom, patched.latestPatches(), rules, downgrades, List.copyOf(images));
  }

  /**
   * The image of a hop to {@code version}: the configured one, else the requested image's repository with the
   * version's tag, so a private mirror the user pulls from serves the intermediate hops too.
   */
  public String hopImage(MilvusVersion version, String requestedImage) {
    return hopImages.stream().filter(i -> MilvusVersion.fromImage(i).filter(version::equals).isPresent()).findFirst()
        .orElseGet(() -> repositoryOf(requestedImage) + ":" + version);
  }

  private static String repositoryOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  /** Why changing the image from {@code from} to {@code to} directly is refused, if a rule asks for more. */
  public Optional<String> refusal(MilvusVersion from, MilvusVersion to) {
    return rules.stream().filter(r -> r.appliesTo(from, to)).findFirst().map(r -> r.explain(from, to));
  }

  /** Why Milvus cannot go back from {@code from} to {@code to}, if it cannot. */
  public Optional<String> downgradeRefusal(MilvusVersion from, MilvusVersion to) {
    return downgrades.stream().filter(d -> d.forbids(from, to)).findFirst()
        .map(d -> d.message().replace("{from}", from.toString()).replace("{to}", to.toString()));
  }

  /** The latest known patch of {@code version}'s minor line, if the operator knows that line. */
  public Optional<MilvusVersion> latestPatchOf(MilvusVersion version) {
    return latestPatches.stream().filter(version::sameMinor).findFirst();
  }

  /** The latest known release below {@code bound}. */
  public Optional<MilvusVersion> latestBelow(MilvusVersion bound) {
    return latestPatches.stream().filter(v -> v.compareTo(bound) < 0).reduce((a, b) -> b);
  }

  /** Whether both versions support replacing coordinators one by one (active-standby). */
  public boolean canRoll(MilvusVersion from, MilvusVersion to) {
    return from.compareTo(rollingFrom) >= 0 && to.compareTo(rollingFrom) >= 0;
  }

  private static Need need(String text) {
    return Need.valueOf(text.trim().toUpperCase());
  }

  private static MilvusVersion version(String text) {
    return MilvusVersion.parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
  }

  /** The YAML document's shape. */
  static final class Document {
    public String rollingFrom;
    public List<String> latestPatches = List.of();
    public List<RuleDocument> rules = List.of();
    public List<DowngradeDocument> downgrades = List.of();
  }

  static final class RuleDocument {
    public String fromBelow;
    public String toAtLeast;
    public String needs;
    public String topology;
    public String message;
  }

  static final class DowngradeDocument {
    public String fromAtLeast;
    public String toBelow;
    public String message;
  }
}
