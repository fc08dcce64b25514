package io.milvus.operator.render;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import java.util.Map;

/**
 * The few Helm-style {@code inCluster.values} of an in-cluster dependency this operator honours: {@code image.repository},
 * {@code image.tag}, {@code persistence.size}, {@code persistence.storageClass}, {@code resources}.
 */
record DependencyValues(Map<String, Object> values) {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  static DependencyValues of(InClusterConfig inCluster) {
    return new DependencyValues(inCluster == null || inCluster.getValues() == null ? Map.of() : inCluster.getValues());
  }

  String image(String defaultRepository, String defaultTag) {
    Object repository = ConfigMaps.get(values, "image.repository");
    Object tag = ConfigMaps.get(values, "image.tag");
    return (repository == null ? defaultRepository : repository) + ":" + (tag == null ? defaultTag : tag);
  }

  String persistenceSize(String fallback) {
    Object size = ConfigMaps.get(values, "persistence.size");
    return size == null ? fallback : size.toString();
  }

  String storageClass() {
    Object storageClass = ConfigMaps.get(values, "persistence.storageClass");
    return storageClass == null ? null : storageClass.toString();
  }

  ResourceRequirements resources() {
    Object resources = values.get("resources");
    return resources == null ? null : JSON.convertValue(resources, ResourceRequirements.class);
  }
}
