package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/** status.ignoredFields tells the user which of the fields they wrote this operator does not act on. */
class IgnoredFieldsTest {

  @ParameterizedTest
  @ValueSource(strings = {"resources/seed/milvus.yaml", "resources/samples/standalone-minimal.yaml",
      "resources/samples/s3-external.yaml", "resources/samples/deletion-delete.yaml",
      "resources/samples/upstream-defaulted-cluster.yaml"})
  @DisplayName("a plain Milvus has nothing ignored")
  void plainResourcesHaveNothingIgnored(String path) {
    assertThat(IgnoredFields.of(TestResources.milvus(path).getSpec())).isEmpty();
  }

  @Test
  @DisplayName("unknown fields are listed wherever they are, sorted, with list indexes")
  void unknownFieldsAtAnyDepth() {
    MilvusSpec spec = TestResources.milvus("resources/milvus-every-field.yaml").getSpec();

    List<String> ignored = IgnoredFields.of(spec);

    assertThat(ignored).contains(
        "spec.futureTopLevelSetting",
        "spec.components.futureSharedSetting",
        "spec.components.proxy.futureProxySetting",
        "spec.components.proxy.groups[0].futureGroupSetting",
        "spec.components.queryNode.futureNodeSetting",
        "spec.dependencies.futureDependency",
        "spec.dependencies.storage.ssl.futureTlsSetting",
        "spec.dependencies.woodpecker.quorumBufferPools[0].futurePoolSetting");
    assertThat(ignored).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("fields inside Kubernetes objects are checked too, free-form content is not")
  void typosInKubernetesObjectsAreListed() {
    MilvusSpec spec = TestResources.milvusWithSpec("""
        components:
          env: [{name: A, value: b, valueFom: {fieldRef: {fieldPath: x}}}]
          probes: {livenessProbe: {anything: goes}}
        config: {anything: {goes: here}}
        """).getSpec();

    assertThat(IgnoredFields.of(spec)).containsExactly("spec.components.env[0].valueFom");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an autoscaler                   | components: {standalone: {hpa: {maxReplicas: 3}}}                         | spec.components.standalone.hpa",
      "deployment groups               | {mode: cluster, components: {queryNode: {groups: [{name: a, replicas: 1}]}}} | spec.components.queryNode.groups",
      "CDC                             | components: {cdc: {replicas: 1}}                                          | spec.components.cdc",
      "TEI                             | dependencies: {tei: {enabled: true}}                                      | spec.dependencies.tei",
      "rolling mode 3                  | components: {rollingMode: 3}                                              | spec.components.rollingMode",
      "a hook config                   | hookConfig: {a: b}                                                        | spec.hookConfig",
      "manual mode                     | components: {enableManualMode: true}                                      | spec.components.enableManualMode",
      "an active ConfigMap             | components: {activeConfigMap: other}                                      | spec.components.activeConfigMap",
      "updating the tool image         | components: {updateToolImage: true}                                       | spec.components.updateToolImage",
      "a custom message stream         | dependencies: {customMsgStream: {a: b}}                                   | spec.dependencies.customMsgStream",
      "the Go operator's tool image    | components: {toolImage: 'milvusdb/milvus-operator:v1.3.8'}                | spec.components.toolImage",
      "a component's own version       | components: {proxy: {version: 'v2.5.1'}}                                  | spec.components.proxy.version",
      "an external woodpecker          | dependencies: {woodpecker: {external: true}}                              | spec.dependencies.woodpecker.external",
  })
  @DisplayName("features not acted on yet are listed when given (IgnoredFieldsFactTest proves the list against the operator)")
  void notActedOnYet(String feature, String specYaml, String path) {
    assertThat(IgnoredFields.of(TestResources.milvusWithSpec(specYaml).getSpec())).as(feature).containsExactly(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "components: {rollingMode: 2}",
      "components: {enableManualMode: false, runAsNonRoot: false, hostNetwork: false, updateToolImage: false}",
      "components: {metricLabels: {}, sidecars: [], activeConfigMap: ''}",
      "hookConfig: {}",
      "dependencies: {msgStreamType: pulsar}",
  })
  @DisplayName("a feature switched off, or given empty, is not listed")
  void offOrEmptyIsNotListed(String specYaml) {
    assertThat(IgnoredFields.of(TestResources.milvusWithSpec(specYaml).getSpec())).isEmpty();
  }

  @Test
  @DisplayName("no spec, nothing ignored")
  void nullSpec() {
    assertThat(IgnoredFields.of(null)).isEmpty();
  }
}
