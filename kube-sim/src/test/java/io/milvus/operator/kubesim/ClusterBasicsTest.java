package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterBasicsTest {

  private KubeSim sim;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aFreshClusterHasItsNamespacesANodeAndADefaultStorageClass() {
    await().until(() -> "Active".equals(client.namespaces().withName("default").get().getStatus().getPhase()));
    assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
    assertThat(client.nodes().withName("kube-sim-node").get().getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    assertThat(client.storage().v1().storageClasses().withName("standard").get().getMetadata().getAnnotations())
        .containsEntry("storageclass.kubernetes.io/is-default-class", "true");

    String ns = Fixtures.newNamespace(client, "fresh");
    await().until(() -> "Active".equals(client.namespaces().withName(ns).get().getStatus().getPhase()));
    assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
        .containsEntry("kubernetes.io/metadata.name", ns);
  }

  @Test
  void servicesGetAClusterIpInTheCreateItselfUnlessHeadlessAndKeepItAcrossAPut() {
    String ns = Fixtures.newNamespace(client, "svc");
    Service api = client.resource(service(ns, "api", null, null)).create();
    Service peers = client.resource(service(ns, "peers", "None", null)).create();
    Service publicService = client.resource(service(ns, "public", null, "NodePort")).create();

    // the create's response carries what the API server allocated: no controller fills it in later
    String ip = api.getSpec().getClusterIP();
    assertThat(ip).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+"); // 10.96.0.0/12
    assertThat(api.getSpec().getClusterIPs()).containsExactly(ip);
    assertThat(api.getSpec().getIpFamilies()).containsExactly("IPv4");
    assertThat(api.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(publicService.getSpec().getPorts().get(0).getNodePort()).isBetween(30000, 32767);
    assertThat(publicService.getSpec().getClusterIP()).isNotEqualTo(ip);

    Service replaced = service(ns, "api", null, null);
    replaced.getMetadata().setResourceVersion(api.getMetadata().getResourceVersion());
    assertThat(client.resource(replaced).update().getSpec().getClusterIP()).isEqualTo(ip);
    assertThat(clusterIp(ns, "api")).isEqualTo(ip);
  }

  @Test
  void aClaimIsBoundToAVolumeOfItsSizeWhichGoesWithIt() {
    String ns = Fixtures.newNamespace(client, "pvc");
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").withNamespace(ns).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce")
          .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources()
        .endSpec().build();
    client.resource(claim).create();

    await().until(() -> "Bound".equals(client.persistentVolumeClaims().inNamespace(ns).withName("data").get().getStatus().getPhase()));
    PersistentVolumeClaim bound = client.persistentVolumeClaims().inNamespace(ns).withName("data").get();
    assertThat(bound.getStatus().getCapacity()).containsEntry("storage", new Quantity("10Gi"));
    String volumeName = bound.getSpec().getVolumeName();
    assertThat(volumeName).isEqualTo("pvc-" + bound.getMetadata().getUid());
    PersistentVolume volume = client.persistentVolumes().withName(volumeName).get();
    assertThat(volume.getSpec().getClaimRef().getName()).isEqualTo("data");
    assertThat(volume.getSpec().getCapacity()).containsEntry("storage", new Quantity("10Gi"));

    client.persistentVolumeClaims().inNamespace(ns).withName("data").edit(c -> {
      c.getSpec().getResources().getRequests().put("storage", new Quantity("20Gi"));
      return c;
    });
    await().until(() -> new Quantity("20Gi").equals(
        client.persistentVolumeClaims().inNamespace(ns).withName("data").get().getStatus().getCapacity().get("storage")));

    client.persistentVolumeClaims().inNamespace(ns).withName("data").delete();
    await().until(() -> client.persistentVolumes().withName(volumeName).get() == null);
  }

  @Test
  void aJsonPatchThatDoesNotApplyIsRejectedWith422InsteadOfHanging() {
    client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("patched")
        .withNamespace("default").endMetadata().addToData("a", "1").build()).create();

    assertThatThrownBy(() -> client.configMaps().inNamespace("default").withName("patched")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"}]"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  private String clusterIp(String ns, String name) {
    return client.services().inNamespace(ns).withName(name).get().getSpec().getClusterIP();
  }


  private static Service service(String ns, String name, String clusterIp, String type) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).withType(type).addToSelector("app", name)
          .addNewPort().withName("grpc").withPort(19530).endPort()
        .endSpec().build();
  }
}
