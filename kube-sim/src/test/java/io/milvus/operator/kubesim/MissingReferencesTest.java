package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A pod starts only when a kubelet would start it: what it references must exist, unless it is optional. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingReferencesTest {

  private KubeSim sim;
  private KubernetesClient client;
  private String ns;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
    ns = Fixtures.newNamespace(client, "refs");
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aPodWhoseClaimDoesNotExistStaysPendingUntilItDoes() {
    create("claims", new PodSpecBuilder().addNewContainer().withName("main").withImage("nginx").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-claims").endPersistentVolumeClaim()
        .endVolume().build());

    await().untilAsserted(() -> {
      Pod pod = get("claims");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
      assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("PodScheduled");
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("Unschedulable");
        assertThat(c.getMessage()).contains("persistentvolumeclaim \"data-claims\" not found");
      });
    });
    assertThat(reasonsOfEventsAbout("claims")).contains("FailedScheduling");

    client.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data-claims").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
          .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()).create();
    await().until(() -> isReady(get("claims")));
  }

  @Test
  void aContainerWhoseEnvNamesAMissingSecretCannotStart() {
    create("env", new PodSpecBuilder().addNewContainer().withName("main").withImage("nginx")
        .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("creds").withKey("password")
        .endSecretKeyRef().endValueFrom().endEnv().endContainer().build());

    await().untilAsserted(() -> {
      var waiting = get("env").getStatus().getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
      assertThat(waiting.getMessage()).isEqualTo("secret \"creds\" not found");
    });
    assertThat(isReady(get("env"))).isFalse();

    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
        .addToStringData("user", "milvus").build()).create();
    await().untilAsserted(() -> assertThat(get("env").getStatus().getContainerStatuses().get(0).getState().getWaiting()
        .getMessage()).isEqualTo("couldn't find key password in Secret " + ns + "/creds"));

    client.secrets().inNamespace(ns).withName("creds").edit(s -> new SecretBuilder(s).addToStringData("password", "x").build());
    await().until(() -> isReady(get("env")));
  }

  @Test
  void aPodWhoseConfigMapVolumeIsMissingWaitsToMountIt() {
    create("mount", new PodSpecBuilder().addNewContainer().withName("main").withImage("nginx")
        .addNewVolumeMount().withName("config").withMountPath("/config").endVolumeMount().endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName("settings").endConfigMap().endVolume().build());

    await().untilAsserted(() -> {
      Pod pod = get("mount");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
      assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
          .isEqualTo("ContainerCreating");
    });
    assertThat(reasonsOfEventsAbout("mount")).contains("FailedMount");

    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .endMetadata().addToData("a", "b").build()).create();
    await().until(() -> isReady(get("mount")));
  }

  @Test
  void optionalReferencesNeverBlock() {
    create("optional", new PodSpecBuilder().addNewContainer().withName("main").withImage("nginx")
        .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef().withName("absent").withKey("token")
          .withOptional(true).endSecretKeyRef().endValueFrom().endEnv()
        .addNewEnvFrom().withNewConfigMapRef().withName("absent").withOptional(true).endConfigMapRef().endEnvFrom()
        .endContainer()
        .addNewVolume().withName("certs").withNewSecret().withSecretName("absent").withOptional(true).endSecret()
        .endVolume().build());

    await().until(() -> isReady(get("optional")));
  }

  @Test
  void aPodOfAServiceAccountThatDoesNotExistIsRefused() {
    var pod = new PodBuilder().withNewMetadata().withName("nobody").endMetadata()
        .withSpec(new PodSpecBuilder().withServiceAccountName("ghost")
            .addNewContainer().withName("main").withImage("nginx").endContainer().build()).build();

    KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
        () -> client.pods().inNamespace(ns).resource(pod).create());
    assertThat(refused.getCode()).isEqualTo(403);
    assertThat(refused.getStatus().getMessage()).isEqualTo("pods \"nobody\" is forbidden: error looking up service "
        + "account " + ns + "/ghost: serviceaccount \"ghost\" not found");
  }

  private void create(String name, io.fabric8.kubernetes.api.model.PodSpec spec) {
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withSpec(spec).build()).create();
  }

  private Pod get(String name) {
    return client.pods().inNamespace(ns).withName(name).get();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private java.util.List<String> reasonsOfEventsAbout(String pod) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
  }
}
