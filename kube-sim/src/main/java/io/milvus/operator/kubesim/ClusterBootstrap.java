package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The objects a fresh cluster has: its namespaces with their default ServiceAccounts and {@code kube-root-ca.crt}
 * ConfigMaps, the one Ready node, and a default StorageClass ({@code standard}, as kind has).
 */
final class ClusterBootstrap {

  private ClusterBootstrap() {
  }

  static void createInitialObjects(KubernetesClient client, KubeSimOptions options, String caBundle) {
    for (String name : NamespaceController.INITIAL) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(name).addToLabels(NamespaceController.NAME_LABEL, name).endMetadata()
          .build()).create();
      // the controllers add these too (whoever comes second gets a 409), but the first pods must not wait
      try {
        client.serviceAccounts().inNamespace(name).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
            .withNewMetadata().withName(NamespaceController.DEFAULT_SERVICE_ACCOUNT).endMetadata().build()).create();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      RootCaPublisher.publish(client, name, caBundle);
    }
    var node = client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(options.nodeName())
          .addToLabels("kubernetes.io/hostname", options.nodeName())
          .addToLabels("kubernetes.io/os", "linux")
          .addToLabels("kubernetes.io/arch", "amd64")
        .endMetadata()
        .withNewSpec().endSpec()
        .build()).create();
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
        "pods", new Quantity("1000"));
    node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
        .withCapacity(capacity).withAllocatable(capacity)
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
          .withMessage("kubelet is posting ready status").endCondition()
        .addNewAddress().withType("InternalIP").withAddress(KubeletController.HOST_IP).endAddress()
        .addNewAddress().withType("Hostname").withAddress(options.nodeName()).endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.31.0-kube-sim").withContainerRuntimeVersion("kube-sim://1")
          .withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
        .build());
    client.resource(node).updateStatus();
    client.storage().v1().storageClasses().resource(new StorageClassBuilder()
        .withNewMetadata().withName(PersistentVolumeController.DEFAULT_STORAGE_CLASS)
          .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
        .endMetadata()
        .withProvisioner("kube-sim.io/hostpath")
        .withReclaimPolicy("Delete")
        .withVolumeBindingMode("Immediate")
        .withAllowVolumeExpansion(true)
        .build()).create();
  }
}
