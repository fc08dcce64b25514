package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GarbageCollectorTest {

  private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
      .withGroup("example.com").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

  private KubeSim sim;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.example.com").endMetadata()
        .withNewSpec().withGroup("example.com").withScope("Namespaced")
          .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
          .addNewVersion().withName("v1").withServed(true).withStorage(true)
            .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema().endSchema()
            .withNewSubresources().withNewStatus().endStatus().endSubresources()
          .endVersion()
        .endSpec().build()).create();
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetsAndPods() {
    String ns = Fixtures.newNamespace(client, "gc-deploy");
    client.resource(Fixtures.deployment(ns, "web", 2, "web:1").build()).create();
    await().until(() -> client.pods().inNamespace(ns).list().getItems().size() == 2);

    client.apps().deployments().inNamespace(ns).withName("web").delete();

    await().until(() -> client.apps().replicaSets().inNamespace(ns).list().getItems().isEmpty()
        && client.pods().inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  void deletingACustomResourceDeletesEverythingItOwnsDownToThePods() {
    String ns = Fixtures.newNamespace(client, "gc-cr");
    GenericKubernetesResource widget = client.genericKubernetesResources(WIDGETS).inNamespace(ns).resource(
        new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
            .withNewMetadata().withName("w").withNamespace(ns).endMetadata().build()).create();
    client.resource(ownedBy(widget, Fixtures.deployment(ns, "w-app", 2, "w:1").build())).create();
    client.resource(ownedBy(widget, configMap(ns, "w-config"))).create();
    await().until(() -> client.pods().inNamespace(ns).list().getItems().size() == 2);

    client.genericKubernetesResources(WIDGETS).inNamespace(ns).withName("w").delete();

    await().until(() -> client.apps().deployments().inNamespace(ns).list().getItems().isEmpty()
        && client.configMaps().inNamespace(ns).withName("w-config").get() == null
        && client.apps().replicaSets().inNamespace(ns).list().getItems().isEmpty()
        && client.pods().inNamespace(ns).list().getItems().isEmpty());
    assertThat(sim.garbageCollector().watchedKinds()).contains("example.com/v1/Widget");
  }

  @Test
  void anyObjectWithAUidCanOwnAnother() {
    String ns = Fixtures.newNamespace(client, "gc-any");
    ConfigMap owner = client.resource(configMap(ns, "owner")).create();
    client.resource(ownedBy(owner, new SecretBuilder().withNewMetadata().withName("owned").withNamespace(ns).endMetadata().build())).create();

    client.resource(owner).delete();

    await().until(() -> client.secrets().inNamespace(ns).withName("owned").get() == null);
  }

  @Test
  void aDependentStaysWhileOneOfItsOwnersLives() {
    String ns = Fixtures.newNamespace(client, "gc-two");
    ConfigMap first = client.resource(configMap(ns, "first")).create();
    ConfigMap second = client.resource(configMap(ns, "second")).create();
    ConfigMap shared = configMap(ns, "shared");
    var secondOwner = reference(second);
    secondOwner.setController(null); // at most one owner is the controller, as the API server demands
    shared.getMetadata().setOwnerReferences(java.util.List.of(reference(first), secondOwner));
    client.resource(shared).create();

    client.resource(first).delete();
    await().until(() -> client.configMaps().inNamespace(ns).withName("first").get() == null);
    // the collector has seen the owner go: the dependent stays through its passes
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> client.configMaps().inNamespace(ns).withName("shared").get() != null);

    client.resource(second).delete();
    await().until(() -> client.configMaps().inNamespace(ns).withName("shared").get() == null);
  }

  @Test
  void anObjectCreatedWithAnAlreadyDeletedOwnerIsCollected() {
    String ns = Fixtures.newNamespace(client, "gc-late");
    ConfigMap owner = client.resource(configMap(ns, "gone")).create();
    client.resource(owner).delete();
    await().until(() -> client.configMaps().inNamespace(ns).withName("gone").get() == null);

    client.resource(ownedBy(owner, configMap(ns, "orphan"))).create();

    await().atMost(Duration.ofSeconds(5)).until(() -> client.configMaps().inNamespace(ns).withName("orphan").get() == null);
  }

  @Test
  void aRegisteredKindIsCollectedToo() {
    String ns = Fixtures.newNamespace(client, "gc-kind");
    sim.garbageCollector().watchKind("example.com/v1", "Widget");
    ConfigMap owner = client.resource(configMap(ns, "widget-owner")).create();
    GenericKubernetesResource widget = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
        .withNewMetadata().withName("owned-widget").withNamespace(ns).endMetadata().build();
    client.genericKubernetesResources(WIDGETS).inNamespace(ns).resource(ownedBy(owner, widget)).create();

    client.resource(owner).delete();

    await().until(() -> client.genericKubernetesResources(WIDGETS).inNamespace(ns).withName("owned-widget").get() == null);
  }

  @Test
  void deletingANamespaceDeletesWhatIsInIt() {
    String ns = Fixtures.newNamespace(client, "gc-ns");
    client.resource(configMap(ns, "inside")).create();
    client.resource(Fixtures.deployment(ns, "app", 1, "app:1").build()).create();
    await().until(() -> client.pods().inNamespace(ns).list().getItems().size() == 1);

    client.namespaces().withName(ns).delete();

    await().until(() -> client.configMaps().inNamespace(ns).list().getItems().isEmpty()
        && client.apps().deployments().inNamespace(ns).list().getItems().isEmpty()
        && client.pods().inNamespace(ns).list().getItems().isEmpty());
  }

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withData(Map.of("k", "v")).build();
  }

  private static <T extends HasMetadata> T ownedBy(HasMetadata owner, T dependent) {
    dependent.getMetadata().setOwnerReferences(java.util.List.of(reference(owner)));
    return dependent;
  }

  private static OwnerReference reference(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build();
  }
}
