package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a Milvus should have in the cluster, as plain objects.
 *
 * @param dependencies in-cluster etcd and MinIO (StatefulSets and Services); empty for external ones
 * @param dataPvc the built-in queue's PVC, when the operator is to create it
 * @param deployments one per active component, in the order of {@link MilvusComponent}
 * @param ingress the {@code ingress} of standalone or the proxy, when given
 * @param podMonitor the Prometheus operator's PodMonitor, when metrics are on and the kind is installed
 */
public record DesiredState(
    ConfigMap configMap,
    String configChecksum,
    List<HasMetadata> dependencies,
    Optional<PersistentVolumeClaim> dataPvc,
    Service service,
    Map<MilvusComponent, Deployment> deployments,
    Optional<Ingress> ingress,
    Optional<GenericKubernetesResource> podMonitor) {

  /** Every object, in a fixed order. */
  public List<HasMetadata> objects() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(configMap);
    objects.add(service);
    dataPvc.ifPresent(objects::add);
    objects.addAll(dependencies);
    objects.addAll(deployments.values());
    ingress.ifPresent(objects::add);
    podMonitor.ifPresent(objects::add);
    return objects;
  }
}
