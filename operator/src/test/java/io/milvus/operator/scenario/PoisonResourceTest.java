package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster whose CRD is looser than ours (an older one, another operator's) stores resources our model cannot read.
 * Each is reported on itself; the operator keeps serving every other resource.
 */
class PoisonResourceTest {

  /** Name → spec as stored (YAML flow) → the field the message must name and the type it expects. */
  static final Map<String, String[]> POISON = new LinkedHashMap<>();

  static {
    poison("config-as-text", "{config: 'log.level=debug'}", "spec.config", "an object");
    poison("mode-as-object", "{mode: {standalone: true}}", "spec.mode", "a string");
    poison("image-as-list", "{components: {image: [milvusdb/milvus, v2.4.23]}}", "spec.components.image", "a string");
    poison("rolling-as-word", "{components: {enableRollingUpdate: maybe}}", "spec.components.enableRollingUpdate",
        "true or false");
    poison("replicas-as-word", "{components: {standalone: {replicas: two}}}", "spec.components.standalone.replicas",
        "an integer");
    poison("port-as-word", "{components: {standalone: {port: default}}}", "spec.components.standalone.port",
        "an integer");
    poison("env-as-text", "{components: {env: 'LOG=debug'}}", "spec.components.env", "a list");
    poison("cpu-as-object", "{components: {resources: {limits: {cpu: {cores: 2}}}}}",
        "spec.components.resources.limits[cpu]", "a number or a string");
    poison("node-selector-as-list", "{components: {nodeSelector: [ssd]}}", "spec.components.nodeSelector", "an object");
    poison("etcd-endpoints-as-text", "{dependencies: {etcd: {external: true, endpoints: 'etcd:2379'}}}",
        "spec.dependencies.etcd.endpoints", "a list");
    poison("storage-external-as-word", "{dependencies: {storage: {external: yes-please}}}",
        "spec.dependencies.storage.external", "true or false");
    poison("queue-as-list", "{dependencies: {msgStreamType: [kafka]}}", "spec.dependencies.msgStreamType", "a string");
    poison("spec-as-text", "'mode=standalone'", "spec", "an object");
  }

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start(PoisonResourceTest::loosenSpecSchema);

  @Test
  void eachUnreadableMilvusIsReportedOnItselfAndTheNextValidOneBecomesHealthy() {
    POISON.forEach((name, poison) -> {
      cluster.user.resource(stored("Milvus", name, poison[0])).create();
      cluster.create(TestMilvus.SEED.replace("my-release", "after-" + name));
    });

    for (String name : POISON.keySet()) {
      cluster.awaitStatus("after-" + name, "Healthy");
    }
    await().atMost(OperatorHarness.PATIENCE).until(() ->
        POISON.keySet().stream().allMatch(name -> cluster.condition(name, "SpecValid").isPresent()));
    SoftAssertions softly = new SoftAssertions();
    POISON.forEach((name, poison) -> {
      MilvusCondition valid = cluster.condition(name, "SpecValid").orElseThrow();
      softly.assertThat(valid.getStatus()).as(name).isEqualTo("False");
      softly.assertThat(valid.getMessage()).as(name).contains(poison[1] + ": expected " + poison[2]);
      softly.assertThat(cluster.eventsAbout(name)).as(name)
          .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains(poison[1]));
      softly.assertThat(cluster.ns().configMaps().withName(name).get()).as("nothing made for " + name).isNull();
    });
    softly.assertAll();
  }

  @Test
  void anUnreadableMilvusIsLeftAsTheUserWroteIt() {
    cluster.user.resource(stored("Milvus", "kept-as-written", "{config: 'log.level=debug', mode: {a: 1}}")).create();

    cluster.awaitCondition("kept-as-written", "SpecValid", "False");

    GenericKubernetesResource stored = cluster.user.genericKubernetesResources("milvus.io/v1beta1", "Milvus")
        .inNamespace("default").withName("kept-as-written").get();
    assertThat(stored.getAdditionalProperties().get("spec"))
        .isEqualTo(Map.of("config", "log.level=debug", "mode", Map.of("a", 1)));
  }

  @Test
  void anUnreadableMilvusUpgradeIsReportedOnItself() {
    cluster.user.resource(stored("MilvusUpgrade", "retry-as-word",
        "{milvus: {name: my-release}, sourceVersion: v2.1.4, targetVersion: v2.2.0, maxRetry: often}")).create();
    cluster.create(TestMilvus.SEED.replace("my-release", "after-upgrade-poison"));

    cluster.awaitStatus("after-upgrade-poison", "Healthy");
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      MilvusUpgrade upgrade = cluster.user.resources(MilvusUpgrade.class).inNamespace("default")
          .withName("retry-as-word").get();
      assertThat(upgrade.getStatus()).isNotNull();
      assertThat(Serialization.asJson(upgrade.getStatus().getConditions()))
          .contains("spec.maxRetry: expected an integer");
    });
  }

  /** The same CRDs with no schema under spec: what an older or another operator's CRD lets through. */
  private static void loosenSpecSchema(CustomResourceDefinition crd) {
    JSONSchemaProps loose = new JSONSchemaProps();
    loose.setXKubernetesPreserveUnknownFields(true);
    crd.getSpec().getVersions().forEach(version -> {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      root.getProperties().put("spec", loose);
      root.setXKubernetesValidations(null);
    });
  }

  private static GenericKubernetesResource stored(String kind, String name, String spec) {
    return Serialization.unmarshal("apiVersion: milvus.io/v1beta1\nkind: " + kind + "\nmetadata: {name: " + name
        + ", namespace: default}\nspec: " + spec, GenericKubernetesResource.class);
  }

  private static void poison(String name, String spec, String field, String expected) {
    POISON.put(name, new String[] {spec, field, expected});
  }
}
