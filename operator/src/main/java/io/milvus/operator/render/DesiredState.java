package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a Milvus should have in the cluster, as plain objects.
 *
 * @param dependencies in-cluster etcd and MinIO (StatefulSets and Services); empty for external ones
 * @param dataPvc the built-in queue's PVC, when the operator is to create it
 * @param deployments one per active component, in the order of {@link MilvusComponent}
 */
public record DesiredState(
    ConfigMap configMap,
    String configChecksum,
    List<HasMetadata> dependencies,
    Optional<PersistentVolumeClaim> dataPvc,
    Service service,
    Map<MilvusComponent, Deployment> deployments) {}
