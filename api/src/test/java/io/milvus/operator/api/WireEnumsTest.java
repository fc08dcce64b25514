package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The enums keep upstream's wire spelling, and agree with what the CRD admits. */
class WireEnumsTest {

  private static final String DEPENDENCIES =
      "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/dependencies/properties/msgStreamType";

  @Test
  void phasesAreReadAndWrittenAsUpstreamSpellsThem() {
    assertThat(MilvusPhase.of("Healthy")).contains(MilvusPhase.HEALTHY);
    assertThat(MilvusPhase.of("healthy")).isEmpty();
    assertThat(MilvusPhase.of(null)).isEmpty();
    assertThat(MilvusPhase.STOPPED.wire()).isEqualTo("Stopped");
    assertThat(MilvusPhase.UNHEALTHY.is("Unhealthy")).isTrue();
  }

  @Test
  void theCrdAdmitsExactlyTheKnownMessageQueues() {
    JsonNode crd = TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/milvuses.milvus.io-v1.yml"));
    String rule = crd.at(DEPENDENCIES + "/x-kubernetes-validations/0/rule").asText();

    String quoted = String.join(", ", MessageQueue.wireNames().stream().map(q -> "'" + q + "'").toList());
    assertThat(rule).isEqualTo("self in [" + quoted + ", '']");
  }

  @Test
  void builtInAndStandaloneOnlyQueues() {
    assertThat(MessageQueue.values()).filteredOn(MessageQueue::builtIn)
        .containsExactly(MessageQueue.WOODPECKER, MessageQueue.ROCKSMQ, MessageQueue.NATSMQ);
    assertThat(MessageQueue.values()).filteredOn(MessageQueue::standaloneOnly)
        .containsExactly(MessageQueue.ROCKSMQ, MessageQueue.NATSMQ);
    assertThat(MessageQueue.of("custom")).contains(MessageQueue.CUSTOM);
    assertThat(MessageQueue.of("")).isEmpty();
  }
}
