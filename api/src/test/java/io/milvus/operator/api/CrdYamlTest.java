package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The CRDs the build generates, as {@code kubectl apply -f} and the API server will see them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // parse each CRD once
class CrdYamlTest {

  private static final String MILVUS_CRD = "META-INF/fabric8/milvuses.milvus.io-v1.yml";
  private static final String UPGRADE_CRD = "META-INF/fabric8/milvusupgrades.milvus.io-v1.yml";
  /** kubectl apply stores the object in an annotation, which may not exceed 256 KiB. */
  private static final int ANNOTATION_LIMIT = 262_144;

  private final Map<String, JsonNode> crds = Map.of(
      MILVUS_CRD, TestResources.treeOfYaml(TestResources.text(MILVUS_CRD)),
      UPGRADE_CRD, TestResources.treeOfYaml(TestResources.text(UPGRADE_CRD)));

  @Test
  @DisplayName("kubectl get milvus shows MODE, STATUS, UPDATED, AGE in that order; -o wide adds TARGET and HOP")
  void milvusPrinterColumns() {
    JsonNode columns = version(MILVUS_CRD).get("additionalPrinterColumns");

    assertThat(names(columns)).containsExactly("Mode", "Status", "Updated", "Age", "Target", "Hop");
    for (int i = 0; i < 4; i++) {
      assertThat(columns.get(i).path("priority").asInt(0)).as("shown without -o wide").isZero();
    }
    assertThat(columns.get(4).get("jsonPath").asText()).isEqualTo(".status.upgradePath.target");
    assertThat(columns.get(5).get("jsonPath").asText()).isEqualTo(".status.upgradePath.hop");
    assertThat(columns.get(4).get("priority").asInt()).as("-o wide only").isEqualTo(1);
    assertThat(columns.get(5).get("priority").asInt()).as("-o wide only").isEqualTo(1);
    assertThat(columns.get(0).get("jsonPath").asText()).as("the defaulted mode: the spec may leave it out").isEqualTo(".status.mode");
    assertThat(columns.get(1).get("jsonPath").asText()).isEqualTo(".status.status");
    assertThat(columns.get(2).get("jsonPath").asText())
        .isEqualTo(".status.conditions[?(@.type==\"MilvusUpdated\")].status");
    assertThat(columns.get(3).get("type").asText()).isEqualTo("date");
  }

  @Test
  @DisplayName("kubectl get milvusupgrade shows STATE, SOURCE, TARGET, AGE in that order")
  void milvusUpgradePrinterColumns() {
    JsonNode columns = version(UPGRADE_CRD).get("additionalPrinterColumns");

    assertThat(names(columns)).containsExactly("State", "Source", "Target", "Age");
    assertThat(columns.get(0).get("jsonPath").asText()).isEqualTo(".status.state");
    assertThat(columns.get(1).get("jsonPath").asText()).isEqualTo(".spec.sourceVersion");
    assertThat(columns.get(2).get("jsonPath").asText()).isEqualTo(".spec.targetVersion");
  }

  @ParameterizedTest
  @CsvSource({MILVUS_CRD + ", mi, milvuses, Milvus", UPGRADE_CRD + ", mu, milvusupgrades, MilvusUpgrade"})
  @DisplayName("both kinds have their short name, a status subresource and no scale subresource")
  void namesAndSubresources(String crdPath, String shortName, String plural, String kind) {
    JsonNode crd = crd(crdPath);

    assertThat(crd.at("/spec/group").asText()).isEqualTo("milvus.io");
    assertThat(crd.at("/spec/names/plural").asText()).isEqualTo(plural);
    assertThat(crd.at("/spec/names/kind").asText()).isEqualTo(kind);
    assertThat(crd.at("/spec/names/shortNames")).extracting(JsonNode::asText).containsExactly(shortName);
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(version(crdPath).get("name").asText()).isEqualTo("v1beta1");
    assertThat(version(crdPath).at("/subresources/status").isObject()).isTrue();
    assertThat(version(crdPath).at("/subresources/scale").isMissingNode()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {MILVUS_CRD, UPGRADE_CRD})
  @DisplayName("every object of spec and status keeps fields the schema does not list")
  void everyObjectPreservesUnknownFields(String crdPath) {
    JsonNode schema = version(crdPath).at("/schema/openAPIV3Schema/properties");
    List<String> pruning = new ArrayList<>();

    walk(schema.get("spec"), "spec", (path, node) -> {
      if (isObject(node) && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        pruning.add(path);
      }
    });
    walk(schema.get("status"), "status", (path, node) -> {
      if (isObject(node) && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        pruning.add(path);
      }
    });

    assertThat(pruning).isEmpty();
  }

  @Test
  @DisplayName("free-form fields (config, volumes, Helm values, Kubernetes objects) accept any content")
  void freeFormFieldsAcceptAnything() {
    JsonNode spec = version(MILVUS_CRD).at("/schema/openAPIV3Schema/properties/spec/properties");

    for (String pointer : List.of("/config", "/hookConfig", "/dependencies/properties/etcd/properties/inCluster/properties/values",
        "/components/properties/affinity", "/components/properties/probes", "/components/properties/securityContext")) {
      JsonNode field = spec.at(pointer);
      assertThat(field.get("type").asText()).as(pointer).isEqualTo("object");
      assertThat(field.get("x-kubernetes-preserve-unknown-fields").asBoolean()).as(pointer).isTrue();
      assertThat(field.has("properties") || field.has("additionalProperties")).as(pointer).isFalse();
    }
    for (String pointer : List.of("/components/properties/volumes", "/components/properties/proxy/properties/sidecars",
        "/components/properties/topologySpreadConstraints")) {
      JsonNode items = spec.at(pointer + "/items");
      assertThat(items.get("type").asText()).as(pointer).isEqualTo("object");
      assertThat(items.get("x-kubernetes-preserve-unknown-fields").asBoolean()).as(pointer).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {MILVUS_CRD, UPGRADE_CRD})
  @DisplayName("the schema has no default values and no enums: defaults are applied in memory, enums checked by CEL")
  void noDefaultsNoEnums(String crdPath) {
    List<String> found = new ArrayList<>();

    walk(version(crdPath).at("/schema/openAPIV3Schema"), "", (path, node) -> {
      if (node.has("default")) {
        found.add(path + ".default");
      }
      if (node.has("enum")) {
        found.add(path + ".enum");
      }
    });

    assertThat(found).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {MILVUS_CRD, UPGRADE_CRD})
  @DisplayName("the CRD fits kubectl apply's annotation and stays under 256 KB as YAML")
  void smallEnoughForKubectlApply(String crdPath) throws Exception {
    String yaml = TestResources.text(crdPath);
    String json = TestResources.JSON.writeValueAsString(crd(crdPath));

    assertThat(yaml.getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(ANNOTATION_LIMIT);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/spec/properties/mode                                                      | self in ['standalone', 'cluster']",
      "/spec/properties/components/properties/imageUpdateMode                     | 'rollingUpgrade', 'rollingDowngrade', 'all', 'force'",
      "/spec/properties/components/properties/targetPortType                      | 'string', 'integer'",
      "/spec/properties/components/properties/rollingMode                         | self in [0, 2, 3]",
      "/spec/properties/components/properties/imagePullPolicy                     | 'Always', 'IfNotPresent', 'Never'",
      "/spec/properties/components/properties/queryNode/properties/imagePullPolicy | 'Always', 'IfNotPresent', 'Never'",
      "/spec/properties/components/properties/dnsPolicy                           | 'ClusterFirst'",
      "/spec/properties/components/properties/standalone/properties/serviceType   | 'ClusterIP', 'NodePort', 'LoadBalancer'",
      "/spec/properties/components/properties/proxy/properties/serviceType        | 'ClusterIP', 'NodePort', 'LoadBalancer'",
      "/spec/properties/dependencies/properties/msgStreamType                     | 'pulsar', 'kafka', 'woodpecker', 'rocksmq', 'natsmq', 'custom'",
      "/spec/properties/dependencies/properties/storage/properties/type           | 'MinIO', 'S3', 'Azure'",
      "/spec/properties/dependencies/properties/etcd/properties/inCluster/properties/deletionPolicy | 'Delete', 'Retain'",
      "/spec/properties/dependencies/properties/pulsar/properties/inCluster/properties/deletionPolicy | 'Delete', 'Retain'",
      "/spec/properties/components/properties/proxy/properties/hpa                | self.minReplicas <= self.maxReplicas",
      "/spec/properties/dependencies/properties/etcd                              | size(self.endpoints) > 0",
      "/spec                                                                      | 'rocksmq', 'natsmq'",
  })
  @DisplayName("Milvus enums and cross-field rules are CEL rules the API server enforces")
  void milvusCelRules(String pointer, String expectedInRule) {
    assertThat(rules(MILVUS_CRD, pointer.strip())).anyMatch(rule -> rule.contains(expectedInRule.strip()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/spec/properties/operation     | self in ['upgrade', 'rollback']",
      "/spec/properties/sourceVersion | self.matches(",
      "/spec/properties/targetVersion | self.matches(",
  })
  @DisplayName("MilvusUpgrade enums and version formats are CEL rules")
  void milvusUpgradeCelRules(String pointer, String expectedInRule) {
    assertThat(rules(UPGRADE_CRD, pointer.strip())).anyMatch(rule -> rule.contains(expectedInRule.strip()));
  }

  @Test
  @DisplayName("numeric limits: replicas from -1, ports 0-65535, hpa bounds from 1")
  void numericLimits() {
    JsonNode components = version(MILVUS_CRD).at("/schema/openAPIV3Schema/properties/spec/properties/components/properties");

    assertThat(components.at("/queryNode/properties/replicas/minimum").asInt()).isEqualTo(-1);
    assertThat(components.at("/queryNode/properties/groups/items/properties/replicas/minimum").asInt()).isEqualTo(-1);
    assertThat(components.at("/standalone/properties/port/minimum").asInt()).isZero();
    assertThat(components.at("/standalone/properties/port/maximum").asInt()).isEqualTo(65535);
    assertThat(components.at("/proxy/properties/hpa/properties/maxReplicas/minimum").asInt()).isEqualTo(1);
    assertThat(components.at("/proxy/properties/hpa/required")).extracting(JsonNode::asText).containsExactly("maxReplicas");
  }

  @Test
  @DisplayName("name patterns accept the empty string upstream writes for unset names, and refuse bad names")
  void namePatterns() {
    for (String pointer : List.of(
        "/dependencies/properties/rocksmq/properties/persistence/properties/persistentVolumeClaim/properties/existingClaim")) {
      Pattern pattern = Pattern.compile(
          version(MILVUS_CRD).at("/schema/openAPIV3Schema/properties/spec/properties" + pointer + "/pattern").asText());
      assertThat(pattern.matcher("").find()).isTrue();
      assertThat(pattern.matcher("my-data.v1").find()).isTrue();
      assertThat(pattern.matcher("Data_PVC").find()).isFalse();
    }
    Pattern backupPvc = Pattern.compile(
        version(UPGRADE_CRD).at("/schema/openAPIV3Schema/properties/spec/properties/backupPVC/pattern").asText());
    assertThat(backupPvc.matcher("").find()).isTrue();
    assertThat(backupPvc.matcher("my_backup").find()).isFalse();
  }

  private List<String> rules(String crdPath, String pointer) {
    JsonNode node = version(crdPath).at("/schema/openAPIV3Schema/properties" + pointer);
    List<String> rules = new ArrayList<>();
    node.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.get("rule").asText()));
    return rules;
  }

  /** An object with fields of its own; maps (additionalProperties) hold values, not fields. */
  private static boolean isObject(JsonNode schema) {
    return "object".equals(schema.path("type").asText()) && !schema.has("additionalProperties");
  }

  /** Visits every schema node: properties, array items and map values. */
  private static void walk(JsonNode schema, String path, BiConsumer<String, JsonNode> visitor) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    visitor.accept(path, schema);
    schema.path("properties").fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), visitor));
    walk(schema.get("items"), path + "[]", visitor);
    walk(schema.get("additionalProperties"), path + "{}", visitor);
  }

  private static List<String> names(JsonNode columns) {
    List<String> names = new ArrayList<>();
    columns.forEach(column -> names.add(column.get("name").asText()));
    return names;
  }

  private JsonNode version(String crdPath) {
    return crd(crdPath).at("/spec/versions/0");
  }

  private JsonNode crd(String crdPath) {
    return crds.get(crdPath);
  }
}
