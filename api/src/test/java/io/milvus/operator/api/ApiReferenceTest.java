package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/api-reference.md is what the CRDs of this build say; -Dapidoc.update=true rewrites it. */
class ApiReferenceTest {

  /** Surefire runs in the module's directory. */
  private static final Path COMMITTED = Path.of("..", "docs", "api-reference.md");
  private static final List<ApiReference.Kind> KINDS = List.of(
      new ApiReference.Kind("milvuses.milvus.io-v1.yml", Milvus.class),
      new ApiReference.Kind("milvusupgrades.milvus.io-v1.yml", MilvusUpgrade.class));

  @Test
  void theCommittedApiReferenceIsTheGeneratedOne() throws IOException {
    String generated = ApiReference.render(KINDS);
    if (Boolean.getBoolean("apidoc.update")) {
      Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8).equals(generated))
        .as("%s is stale: refresh it with mvn -pl api -am test -Dtest=ApiReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dapidoc.update=true", COMMITTED)
        .isTrue();
  }

  @Test
  void eachTypeIsDescribedOnceAndLinkedWhereItIsUsed() {
    String md = ApiReference.render(KINDS);

    assertThat(md).containsOnlyOnce("## WorkerComponent\n")
        .contains("| `queryNode` | [WorkerComponent](#workercomponent) |")
        .contains("| `env` | []Kubernetes EnvVar |")
        .contains("| `name` (required) | string |")
        .contains("Validation: minimum -1");
  }

}
