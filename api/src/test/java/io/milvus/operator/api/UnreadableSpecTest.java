package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.UnreadableSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A stored spec the model cannot read is still read: as an unreadable spec naming the field and the type expected. */
class UnreadableSpecTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{config: 'log.level=debug'}                              | spec.config                              | an object",
      "{mode: {a: 1}}                                           | spec.mode                                | a string",
      "{components: {standalone: {replicas: two}}}              | spec.components.standalone.replicas      | an integer",
      "{components: {enableRollingUpdate: maybe}}               | spec.components.enableRollingUpdate      | true or false",
      "{components: {env: 'A=b'}}                               | spec.components.env                      | a list",
      "{components: {image: [1]}}                               | spec.components.image                    | a string",
      "{components: {nodeSelector: [a]}}                        | spec.components.nodeSelector             | an object",
      "{components: {tolerations: [{tolerationSeconds: soon}]}} | spec.components.tolerations[0].tolerationSeconds | an integer",
      "{components: {standalone: {resources: {limits: {cpu: {a: 1}}}}}} | spec.components.standalone.resources.limits[cpu] | a number or a string",
      "{dependencies: {etcd: {endpoints: 'x:1'}}}               | spec.dependencies.etcd.endpoints         | a list",
      "{dependencies: {storage: {inCluster: {deletionPolicy: [Delete]}}}} | spec.dependencies.storage.inCluster.deletionPolicy | a string",
      "'log.level=debug'                                         | spec                                     | an object",
  })
  void aMistypedFieldIsNamedWithTheTypeExpected(String spec, String field, String expected) {
    Milvus milvus = JSON.unmarshal("apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata: {name: a}\nspec: " + spec,
        Milvus.class);

    assertThat(milvus.getSpec()).isInstanceOf(UnreadableSpec.class);
    var problems = ((UnreadableSpec) milvus.getSpec()).readProblems();
    assertThat(problems).extracting(ValidationProblem::field).containsExactly(field);
    assertThat(problems.get(0).message()).startsWith("expected " + expected);
  }

  @Test
  void anUnreadableSpecIsWrittenBackAsStored() {
    String stored = "{\"config\":\"log.level=debug\",\"mode\":{\"a\":1},\"unknown\":[1,2]}";
    Milvus milvus = JSON.unmarshal("{\"apiVersion\":\"milvus.io/v1beta1\",\"kind\":\"Milvus\",\"metadata\":{\"name\":\"a\"},"
        + "\"spec\":" + stored + "}", Milvus.class);

    JsonNode written = JSON.convertValue(milvus, JsonNode.class).get("spec");

    assertThat(written).isEqualTo(JSON.unmarshal(stored, JsonNode.class));
  }

  @Test
  void aValueTheModelRefusesIsReportedWithItsPath() {
    Milvus milvus = JSON.unmarshal("apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata: {name: a}\n"
        + "spec: {components: {standalone: {replicas: 99999999999}}}", Milvus.class);

    assertThat(milvus.getSpec()).isInstanceOf(UnreadableSpec.class);
    assertThat(((UnreadableSpec) milvus.getSpec()).readProblems().get(0).field())
        .isEqualTo("spec.components.standalone.replicas");
  }

  @Test
  void aValidSpecIsReadAsUsual() {
    Milvus milvus = JSON.unmarshal("apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata: {name: a}\n"
        + "spec: {components: {standalone: {replicas: '2'}}, config: {log: {level: debug}}}", Milvus.class);

    assertThat(milvus.getSpec()).isNotInstanceOf(UnreadableSpec.class);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isEqualTo(2);
  }

  @Test
  void aMilvusUpgradeWithAMistypedFieldIsReadToo() {
    MilvusUpgrade upgrade = JSON.unmarshal("apiVersion: milvus.io/v1beta1\nkind: MilvusUpgrade\nmetadata: {name: a}\n"
        + "spec: {milvus: {name: my-release}, maxRetry: often}", MilvusUpgrade.class);

    assertThat(((UnreadableSpec) upgrade.getSpec()).readProblems()).extracting(ValidationProblem::field)
        .containsExactly("spec.maxRetry");
  }
}
