package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-cluster dependency of a Milvus and what deleting the Milvus does to it, from its {@code deletionPolicy} and
 * {@code pvcDeletion}:
 * <ul>
 *   <li>{@code Retain}: the dependency keeps running with its data; its objects are not owned by the Milvus, and a
 *       Milvus created again with the same name takes them back;</li>
 *   <li>{@code Delete}, or unset (this operator's default, where upstream's is Retain): its workloads go with the
 *       Milvus, its volumes stay;</li>
 *   <li>{@code pvcDeletion: true} (with Delete or unset): its volumes go too.</li>
 * </ul>
 *
 * @param name for messages: etcd, minio, kafka or pulsar
 * @param volumeComponents the component labels of its PVCs
 */
public record InClusterDependency(String name, List<String> volumeComponents, InClusterConfig config) {

  public static final String RETAIN = "Retain";

  public static List<InClusterDependency> of(RenderContext ctx) {
    var deps = ctx.spec().getDependencies();
    List<InClusterDependency> list = new ArrayList<>();
    if (!ctx.externalEtcd()) {
      list.add(new InClusterDependency("etcd", List.of(InClusterEtcd.COMPONENT), deps.getEtcd().getInCluster()));
    }
    if (!ctx.externalStorage()) {
      list.add(new InClusterDependency("minio", List.of(InClusterMinio.COMPONENT), deps.getStorage().getInCluster()));
    }
    if (ctx.inClusterKafka()) {
      list.add(new InClusterDependency("kafka", List.of(InClusterKafka.COMPONENT), deps.getKafka().getInCluster()));
    }
    if (ctx.inClusterPulsar()) {
      list.add(new InClusterDependency("pulsar", List.of(InClusterPulsar.Part.ZOOKEEPER.component(),
          InClusterPulsar.Part.BOOKKEEPER.component()), deps.getPulsar().getInCluster()));
    }
    return list;
  }

  public boolean retained() {
    return config != null && RETAIN.equals(config.getDeletionPolicy());
  }

  /** Whether deleting the Milvus deletes this dependency's volumes. */
  public boolean deletesVolumes() {
    return !retained() && config != null && Boolean.TRUE.equals(config.getPvcDeletion());
  }

  /** The dependency's objects as they should be owned: by the Milvus, unless retained. */
  static List<HasMetadata> owned(InClusterConfig config, List<HasMetadata> objects) {
    if (config != null && RETAIN.equals(config.getDeletionPolicy())) {
      objects.forEach(o -> o.getMetadata().setOwnerReferences(null));
    }
    return objects;
  }
}
