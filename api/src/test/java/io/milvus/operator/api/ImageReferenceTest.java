package io.milvus.operator.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

class ImageReferenceTest {

  private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "milvusdb/milvus:v2.4.23                    | -                         | milvusdb/milvus     | v2.4.23 | -",
      "milvus                                     | -                         | milvus              | -       | -",
      "registry.example.com:5000/milvusdb/milvus:v2.6.11 | registry.example.com:5000 | milvusdb/milvus | v2.6.11 | -",
      "localhost/milvus:dev_build-1.2             | localhost                 | milvus              | dev_build-1.2 | -",
      "Registry.Example.com/team/milvus           | Registry.Example.com      | team/milvus         | -       | -",
      "[::1]:5000/milvus:v1                       | [::1]:5000                | milvus              | v1      | -",
      "milvusdb/milvus-operator:v1.3.8            | -                         | milvusdb/milvus-operator | v1.3.8 | -",
      "a/b__c/d.e-f:x                             | -                         | a/b__c/d.e-f        | x       | -",
  })
  @DisplayName("valid references parse into registry, repository, tag")
  void parses(String image, String registry, String repository, String tag, String digest) {
    assertThat(ImageReference.parse(image)).contains(new ImageReference(registry, repository, tag, digest));
    assertThat(ImageReference.findProblem(image)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"milvusdb/milvus@" + DIGEST, "milvusdb/milvus:v2.4.23@" + DIGEST})
  @DisplayName("digests are accepted, with or without a tag")
  void digests(String image) {
    assertThat(ImageReference.parse(image)).get().extracting(ImageReference::digest).isEqualTo(DIGEST);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "'milvusdb/milvus :v2.4'       | must not contain spaces",
      "MilvusDB/milvus               | must be lowercase: milvusdb/milvus",
      "milvusdb/Milvus:v1            | must be lowercase: milvusdb/milvus",
      "milvusdb/milvus:              | has an empty tag",
      "milvusdb/milvus@sha256:abc    | 64 lowercase hex digits",
      "milvusdb/milvus@md5           | 64 lowercase hex digits",
      "milvusdb/milvus:-v1           | the tag of image",
      "/milvus:v1                    | must be lowercase letters and digits",
      "milvusdb/milvus/:v1           | must be lowercase letters and digits",
      ":v1                           | has no repository",
      "reg_istry.com/milvus:v1       | the registry of image",
      "registry.com:port/milvus:v1   | the registry of image",
  })
  @DisplayName("malformed references are explained")
  void explainsMalformed(String image, String messagePart) {
    assertThat(ImageReference.findProblem(image)).get().asString().contains(messagePart);
    assertThat(ImageReference.parse(image)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  @DisplayName("an empty image is unset, not malformed")
  void emptyIsUnset(String image) {
    assertThat(ImageReference.findProblem(image)).isEmpty();
    assertThat(ImageReference.findProblem(null)).isEmpty();
  }
}
