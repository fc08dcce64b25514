package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Milvus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user swaps operators: a Milvus written for upstream's operator, with every field set, is kept whole. */
class UpstreamResourceTest {

  /** The api module's resource that sets every field of upstream's CRD, plus fields no operator knows. */
  static final Path EVERY_FIELD = Path.of("../api/src/test/resources/resources/milvus-every-field.yaml");
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void everyFieldSurvivesTheOperatorsReadModifyWrite() throws IOException {
    Milvus written = JSON.unmarshal(Files.readString(EVERY_FIELD), Milvus.class);
    written.setStatus(null);
    JsonNode specAsWritten = JSON.convertValue(written.getSpec(), JsonNode.class);
    cluster.user.resource(written).create();

    await().atMost(OperatorHarness.PATIENCE).until(() -> {
      Milvus now = cluster.user.resources(Milvus.class).inNamespace("milvus").withName("every-field").get();
      return now.getMetadata().getFinalizers().contains("milvus.milvus.io/finalizer") && now.getStatus() != null;
    });

    Milvus after = cluster.user.resources(Milvus.class).inNamespace("milvus").withName("every-field").get();
    assertThat(JSON.convertValue(after.getSpec(), JsonNode.class)).as("the spec after the operator wrote the Milvus")
        .isEqualTo(specAsWritten);
    assertThat(after.getStatus().getIgnoredFields()).as("unknown fields are named in the status")
        .contains("spec.futureTopLevelSetting");
  }
}
