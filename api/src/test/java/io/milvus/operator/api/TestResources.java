package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Resources as the operator receives them: YAML from the test classpath, read by fabric8's serialization. */
final class TestResources {

  /** The serialization the operator's informers and clients use. */
  static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TestResources() {}

  static String text(String path) {
    try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Milvus milvus(String path) {
    return KUBERNETES.unmarshal(text(path), Milvus.class);
  }

  static MilvusUpgrade milvusUpgrade(String path) {
    return KUBERNETES.unmarshal(text(path), MilvusUpgrade.class);
  }

  /** A Milvus named my-release whose spec is the given YAML (indented as under {@code spec:}). */
  static Milvus milvusWithSpec(String specYaml) {
    String yaml = "apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: my-release\nspec:\n"
        + specYaml.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    return KUBERNETES.unmarshal(yaml, Milvus.class);
  }

  static MilvusUpgrade milvusUpgradeWithSpec(String specYaml) {
    String yaml = "apiVersion: milvus.io/v1beta1\nkind: MilvusUpgrade\nmetadata:\n  name: my-release-upgrade\nspec:\n"
        + specYaml.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    return KUBERNETES.unmarshal(yaml, MilvusUpgrade.class);
  }

  /** A JSON tree with numbers normalised, so YAML and JSON renderings of one document compare equal. */
  static JsonNode treeOfYaml(String yaml) {
    try {
      return JSON.readTree(JSON.writeValueAsString(YAML.readTree(yaml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode treeOf(Object resource) {
    try {
      return JSON.readTree(KUBERNETES.asJson(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
