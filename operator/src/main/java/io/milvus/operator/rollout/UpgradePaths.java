package io.milvus.operator.rollout;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MilvusVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Which version changes Milvus supports, as data ({@code upgrade-paths.yaml}), in the manner of Strimzi's version
 * matrix: adding a rule for a new Milvus release is a data change, not a code change.
 */
public record UpgradePaths(MilvusVersion rollingFrom, List<Rule> rules) {

  private static final String RESOURCE = "upgrade-paths.yaml";

  /** Refuses moving from below {@code fromBelow} to {@code toAtLeast} or later. */
  public record Rule(MilvusVersion fromBelow, MilvusVersion toAtLeast, String message) {
    boolean forbids(MilvusVersion from, MilvusVersion to) {
      return from.compareTo(fromBelow) < 0 && to.compareTo(toAtLeast) >= 0;
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
        doc.rules.stream().map(r -> new Rule(version(r.fromBelow), version(r.toAtLeast), r.message.strip())).toList());
  }

  /** Why moving from {@code from} to {@code to} is refused, if it is. */
  public Optional<String> refusal(MilvusVersion from, MilvusVersion to) {
    return rules.stream().filter(r -> r.forbids(from, to)).findFirst()
        .map(r -> r.message().replace("{from}", from.toString()).replace("{to}", to.toString()));
  }

  /** Whether both versions support replacing coordinators one by one (active-standby). */
  public boolean canRoll(MilvusVersion from, MilvusVersion to) {
    return from.compareTo(rollingFrom) >= 0 && to.compareTo(rollingFrom) >= 0;
  }

  private static MilvusVersion version(String text) {
    return MilvusVersion.parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
  }

  /** The YAML document's shape. */
  static final class Document {
    public String rollingFrom;
    public List<RuleDocument> rules = List.of();
  }

  static final class RuleDocument {
    public String fromBelow;
    public String toAtLeast;
    public String message;
  }
}
