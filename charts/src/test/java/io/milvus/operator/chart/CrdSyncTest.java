package io.milvus.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart ships the CRDs the build generates from the api module, byte for byte. After a change of the model,
 * refresh the chart's copy with {@code mvn -pl charts test -Dcrds.update=true} and commit it.
 */
class CrdSyncTest {

  static final List<String> GENERATED = List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml");
  static final Path CHART_COPY = Chart.DIR.resolve("files/crds");

  @Test
  void theChartsCrdsAreTheGeneratedOnes() {
    if (TestFiles.updateRequested("crds.update")) {
      GENERATED.forEach(name -> TestFiles.write(CHART_COPY.resolve(name), generated(name)));
    }

    assertThat(filesIn(CHART_COPY)).as("CRD files in %s", CHART_COPY).containsExactlyInAnyOrderElementsOf(GENERATED);
    for (String name : GENERATED) {
      assertThat(TestFiles.read(CHART_COPY.resolve(name)).equals(generated(name)))
          .as("%s in the chart is not what the build generates; run "
              + "mvn -pl charts test -Dcrds.update=true -Dmanifests.update=true", name)
          .isTrue();
    }
  }

  private static String generated(String name) {
    return TestFiles.classpathText("META-INF/fabric8/" + name);
  }

  private static List<String> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
