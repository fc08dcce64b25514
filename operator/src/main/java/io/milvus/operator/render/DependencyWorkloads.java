package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shape every in-cluster dependency shares: a StatefulSet owned by the Milvus, whose one volume claim template
 * gives each pod a PVC that outlives it, and Services selecting its pods.
 */
final class DependencyWorkloads {

  private DependencyWorkloads() {}

  /** A port the dependency serves, named so Services can target it by name. */
  record Port(String name, int number) {
    ServicePort forService() {
      return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(name)).build();
    }
  }

  /**
   * @param container the dependency's container; its data volume must be mounted from volume {@code claim}
   * @param claim the volume claim template's name (the PVCs are {@code <claim>-<statefulset>-<ordinal>})
   * @param defaultSize the PVC size unless {@code persistence.size} says otherwise
   */
  static StatefulSet statefulSet(RenderContext ctx, String component, String name, String serviceName, int replicas,
      String podManagementPolicy, Container container, String claim, DependencyValues values, String defaultSize) {
    return statefulSet(ctx, component, name, serviceName, replicas, podManagementPolicy,
        new PodSpecBuilder().withContainers(container).build(),
        List.of(claim(ctx, component, claim, values.storageClass(), values.persistenceSize(defaultSize))));
  }

  /**
   * @param pod the pods' spec; each claim's volume is added by the StatefulSet controller under the claim's name
   * @param claims the volume claim templates, none for a dependency without persistence
   */
  static StatefulSet statefulSet(RenderContext ctx, String component, String name, String serviceName, int replicas,
      String podManagementPolicy, PodSpec pod, List<PersistentVolumeClaim> claims) {
    return new StatefulSetBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), component)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(serviceName)
          .withPodManagementPolicy(podManagementPolicy)
          .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), component)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.component(ctx.name(), component)).endMetadata()
            .withSpec(pod)
          .endTemplate()
          .withVolumeClaimTemplates(claims)
        .endSpec()
        .build();
  }

  /** A ReadWriteOnce volume claim template named {@code claim}. */
  static PersistentVolumeClaim claim(RenderContext ctx, String component, String claim, String storageClass,
      String size) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(claim).withLabels(Labels.component(ctx.name(), component)).endMetadata()
        .withNewSpec()
          .withAccessModes("ReadWriteOnce")
          .withStorageClassName(storageClass)
          .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
        .endSpec()
        .build();
  }

  /** A Service to the dependency's pods; a headless one also resolves pods that are not ready (for peers). */
  static Service service(RenderContext ctx, String component, String name, boolean headless, Port... ports) {
    List<ServicePort> servicePorts = Arrays.stream(ports).map(Port::forService).toList();
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), component)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withClusterIP(headless ? "None" : null)
          .withPublishNotReadyAddresses(headless ? true : null)
          .withSelector(Labels.selector(ctx.name(), component))
          .withPorts(servicePorts)
        .endSpec()
        .build();
  }
}
