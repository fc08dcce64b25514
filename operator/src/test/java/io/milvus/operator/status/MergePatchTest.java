package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesOnlyWhatChangedRemovesWhatIsGoneAndReplacesListsWhole() throws Exception {
    JsonNode from = JSON.readTree("{\"status\":\"Pending\",\"endpoint\":\"a:19530\",\"deploy\":{\"standalone\":"
        + "{\"availableReplicas\":1,\"image\":\"x\"}},\"conditions\":[{\"type\":\"A\"},{\"type\":\"B\"}]}");
    JsonNode to = JSON.readTree("{\"status\":\"Healthy\",\"endpoint\":\"a:19530\",\"deploy\":{\"standalone\":"
        + "{\"image\":\"y\"}},\"conditions\":[{\"type\":\"A\"}]}");

    assertThat(MergePatch.diff(from, to)).isEqualTo(JSON.readTree("{\"status\":\"Healthy\",\"deploy\":{\"standalone\":"
        + "{\"availableReplicas\":null,\"image\":\"y\"}},\"conditions\":[{\"type\":\"A\"}]}"));
  }

  @Test
  void fromNothingIsTheWholeDocument() throws Exception {
    JsonNode to = JSON.readTree("{\"status\":\"Pending\",\"x\":{\"y\":1}}");

    assertThat(MergePatch.diff(null, to)).isEqualTo(to);
  }

  @Test
  void applyingThePatchGivesTheTarget() throws Exception {
    JsonNode from = JSON.readTree("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":\"x\"}");
    JsonNode to = JSON.readTree("{\"a\":{\"c\":[3]},\"e\":true}");

    assertThat(MergePatch.diff(from, to)).isEqualTo(JSON.readTree("{\"a\":{\"b\":null,\"c\":[3]},\"d\":null,\"e\":true}"));
  }
}
