package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRDs' CEL rules compile, and accept and refuse what they should, as the API server would run them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CelRulesTest {

  private static final String SCHEMA = "/spec/versions/0/schema/openAPIV3Schema/properties";

  private final JsonNode milvus = TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/milvuses.milvus.io-v1.yml"));
  private final JsonNode upgrade =
      TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/milvusupgrades.milvus.io-v1.yml"));
  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), all(), exists(): on in Kubernetes
      .addVar("self", SimpleType.DYN)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  @Test
  @DisplayName("every rule of both CRDs compiles")
  void everyRuleCompiles() throws Exception {
    Set<String> rules = new TreeSet<>();
    collectRules(milvus, rules);
    collectRules(upgrade, rules);

    assertThat(rules).hasSizeGreaterThan(15);
    for (String rule : rules) {
      assertThat(compiler.compile(rule).getAllIssues()).as(rule).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/spec/properties/mode                                   | standalone                         | true",
      "/spec/properties/mode                                   | distributed                        | false",
      "/spec/properties/components/properties/imageUpdateMode  | force                              | true",
      "/spec/properties/components/properties/imageUpdateMode  | rolling                            | false",
      "/spec/properties/components/properties/rollingMode      | 3                                  | true",
      "/spec/properties/components/properties/rollingMode      | 1                                  | false",
      "/spec/properties/components/properties/targetPortType   | integer                            | true",
      "/spec/properties/components/properties/dnsPolicy        | None                               | true",
      "/spec/properties/components/properties/dnsPolicy        | ClusterLast                        | false",
      "/spec/properties/components/properties/proxy/properties/hpa | {maxReplicas: 3}             | true",
      "/spec/properties/components/properties/proxy/properties/hpa | {minReplicas: 2, maxReplicas: 3} | true",
      "/spec/properties/components/properties/proxy/properties/hpa | {minReplicas: 5, maxReplicas: 3} | false",
      "/spec/properties/dependencies/properties/msgStreamType  | woodpecker                         | true",
      "/spec/properties/dependencies/properties/msgStreamType  | rabbitmq                           | false",
      "/spec/properties/dependencies/properties/storage/properties/type | ''                         | true",
      "/spec/properties/dependencies/properties/storage/properties/type | GCS                        | false",
      "/spec/properties/dependencies/properties/etcd/properties/inCluster/properties/deletionPolicy | Keep | false",
      "/spec/properties/dependencies/properties/etcd/properties/inCluster/properties/deletionPolicy | ''   | true",
      "/spec/properties/dependencies/properties/etcd           | {external: false}                | true",
      "/spec/properties/dependencies/properties/etcd           | {external: true, endpoints: [e:2379]} | true",
      "/spec/properties/dependencies/properties/etcd           | {external: true}                 | false",
      "/spec/properties/dependencies/properties/etcd           | {external: true, endpoints: []}  | false",
      "/spec/properties/dependencies/properties/storage        | {external: true, endpoint: s3:443} | true",
      "/spec/properties/dependencies/properties/storage        | {external: true}                 | false",
      "/spec                                                   | {mode: cluster, dependencies: {msgStreamType: kafka}} | true",
      "/spec                                                   | {dependencies: {msgStreamType: rocksmq}} | true",
      "/spec                                                   | {mode: cluster}                  | true",
      "/spec                                                   | {mode: cluster, dependencies: {msgStreamType: rocksmq}} | false",
      "/spec                                                   | {mode: cluster, dependencies: {msgStreamType: natsmq}} | false",
  })
  @DisplayName("Milvus rules accept good values and refuse bad ones")
  void milvusRules(String pointer, String valueYaml, boolean accepted) throws Exception {
    assertThat(evaluate(milvus, pointer.strip(), valueYaml)).isEqualTo(accepted);
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "/spec/properties/operation     | rollback   | true",
      "/spec/properties/operation     | downgrade  | false",
      "/spec/properties/sourceVersion | v2.1.4     | true",
      "/spec/properties/sourceVersion | 2.1        | true",
      "/spec/properties/sourceVersion | 2.1.0-rc1  | false",
      "/spec/properties/targetVersion | latest     | false",
  })
  @DisplayName("MilvusUpgrade rules accept good values and refuse bad ones")
  void milvusUpgradeRules(String pointer, String value, boolean accepted) throws Exception {
    assertThat(evaluate(upgrade, pointer.strip(), "'" + value + "'")).isEqualTo(accepted);
  }

  /** All rules at {@code pointer}, evaluated with {@code self} bound to the YAML value. */
  private boolean evaluate(JsonNode crd, String pointer, String valueYaml) throws Exception {
    JsonNode rules = crd.at(SCHEMA + pointer + "/x-kubernetes-validations");
    assertThat(rules.isArray()).as("rules at " + pointer).isTrue();
    Object self = celValue(TestResources.JSON.convertValue(TestResources.treeOfYaml(valueYaml), Object.class));
    boolean accepted = true;
    for (JsonNode rule : rules) {
      CelAbstractSyntaxTree ast = compiler.compile(rule.get("rule").asText()).getAst();
      accepted &= (Boolean) runtime.createProgram(ast).eval(Map.of("self", self));
    }
    return accepted;
  }

  /** CEL integers are Java longs. */
  private static Object celValue(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      map.forEach((k, v) -> converted.put((String) k, celValue(v)));
      return converted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CelRulesTest::celValue).toList();
    }
    return value;
  }

  private static void collectRules(JsonNode node, Set<String> rules) {
    if (node.isObject()) {
      node.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.get("rule").asText()));
      node.forEach(child -> collectRules(child, rules));
    } else if (node.isArray()) {
      node.forEach(child -> collectRules(child, rules));
    }
  }
}
