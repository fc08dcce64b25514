package io.milvus.operator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

class MilvusVersionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2.4.23        | 2 | 4  | 23 | ''",
      "v2.4.23       | 2 | 4  | 23 | ''",
      "v2.4          | 2 | 4  | 0  | ''",
      "2             | 2 | 0  | 0  | ''",
      "2.5.0-beta    | 2 | 5  | 0  | beta",
      "v2.6.0-rc.1   | 2 | 6  | 0  | rc.1",
      "v2.4.23+build | 2 | 4  | 23 | ''",
      "' v2.4.1 '    | 2 | 4  | 1  | ''",
  })
  @DisplayName("versions parse tolerantly: v optional, missing parts are 0")
  void parses(String text, int major, int minor, int patch, String preRelease) {
    assertThat(MilvusVersion.parse(text)).contains(new MilvusVersion(major, minor, patch, preRelease));
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "", "v", "2.x", "2.4.23.1", "version-2"})
  @DisplayName("anything else is not a version")
  void rejects(String text) {
    assertThat(MilvusVersion.parse(text)).isEmpty();
    assertThat(MilvusVersion.parse(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "milvusdb/milvus:v2.4.23                                   | v2.4.23",
      "registry.example.com:5000/milvusdb/milvus:v2.5.4          | v2.5.4",
      "localhost:5000/milvus:2.6                                 | v2.6.0",
      "milvusdb/milvus:v2.4.23@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | v2.4.23",
      "milvusdb/milvus:v2.6.0-rc1                                | v2.6.0-rc1",
      "milvusdb/milvus:master-20240101-abcdef                    | master",
  })
  @DisplayName("the version of an image is its tag, past a registry port and before a digest")
  void fromImage(String image, String version) {
    assertThat(MilvusVersion.fromImage(image)).map(MilvusVersion::toString).contains(version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"milvusdb/milvus", "registry.example.com:5000/milvusdb/milvus",
      "milvusdb/milvus@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "milvusdb/milvus:latest", "milvusdb/milvus:"})
  @DisplayName("an image without a version tag has no known version")
  void noVersionInImage(String image) {
    assertThat(MilvusVersion.fromImage(image)).isEmpty();
  }

  @Test
  @DisplayName("the explicit version field wins over the image tag")
  void explicitVersionWins() {
    assertThat(MilvusVersion.of("v2.6.1", "my.registry/milvus:custom-build")).contains(MilvusVersion.of(2, 6, 1));
    assertThat(MilvusVersion.of(" ", "milvusdb/milvus:v2.4.23")).contains(MilvusVersion.of(2, 4, 23));
  }

  @Test
  @DisplayName("versions order numerically, a pre-release before its release, development builds last")
  void ordering() {
    List<String> expected = List.of("v2.1.4", "v2.2.0-rc1", "v2.2.0", "v2.2.3", "v2.4.9", "v2.4.23", "v2.5.0-beta",
        "v2.5.0", "v2.10.0", "master");
    List<MilvusVersion> shuffled = new ArrayList<>(expected.stream()
        .map(v -> MilvusVersion.parse(v.equals("master") ? "master-x" : v).orElseThrow()).toList());
    Collections.shuffle(shuffled, new java.util.Random(7));

    Collections.sort(shuffled);

    assertThat(shuffled).map(MilvusVersion::toString).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("comparisons read like the rules they implement")
  void comparisons() {
    MilvusVersion v = MilvusVersion.of(2, 5, 4);

    assertThat(v.isAtLeast(2, 5, 4)).isTrue();
    assertThat(v.isAtLeast(2, 6, 0)).isFalse();
    assertThat(v.isBefore(2, 6, 0)).isTrue();
    assertThat(MilvusVersion.parse("2.6.0-rc1").orElseThrow().isAtLeast(2, 6, 0)).isFalse();
    assertThat(v.sameMinor(MilvusVersion.of(2, 5, 16))).isTrue();
    assertThat(v.sameMinor(MilvusVersion.of(2, 6, 4))).isFalse();
  }
}
