package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.milvus.operator.render.ClusterFacts;
import java.util.Optional;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.status.ObservedState;
import java.time.Instant;

/**
 * Everything a Milvus's next step depends on, observed once at the start of a reconcile.
 *
 * @param milvus the resource as the cache holds it (spec and last written status)
 * @param inputs what the operator's settings say
 * @param observed its workloads, dependencies, pods and the last check of each external dependency
 * @param cached every object the operator labelled for it, to compare the desired forms with
 * @param freshKeys keys for the in-cluster MinIO's Secret, used only if that Secret is to be made
 * @param now the time of the observation
 */
public record MilvusWorld(Milvus milvus, MilvusInputs inputs, ObservedState observed, CachedObjects cached,
    StorageKeys freshKeys, Instant now, ClusterFacts cluster, Optional<GenericKubernetesResource> podMonitor) {

  public MilvusWorld(Milvus milvus, MilvusInputs inputs, ObservedState observed, CachedObjects cached,
      StorageKeys freshKeys, Instant now) {
    this(milvus, inputs, observed, cached, freshKeys, now, ClusterFacts.NONE, Optional.empty());
  }

  public String namespace() {
    return milvus.getMetadata().getNamespace();
  }

  public String name() {
    return milvus.getMetadata().getName();
  }
}
