package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;

/**
 * What rendering needs to know about one Milvus: its identity, its defaulted spec and the facts of the cluster it
 * depends on.
 *
 * @param spec the spec with defaults applied ({@link io.milvus.operator.api.MilvusDefaults}), never the raw one
 */
public record RenderContext(String name, String namespace, String uid, MilvusSpec spec, ClusterFacts cluster) {

  public RenderContext(String name, String namespace, String uid, MilvusSpec spec) {
    this(name, namespace, uid, spec, ClusterFacts.NONE);
  }

  public static RenderContext of(Milvus milvus, MilvusSpec defaultedSpec) {
    return of(milvus, defaultedSpec, ClusterFacts.NONE);
  }

  public static RenderContext of(Milvus milvus, MilvusSpec defaultedSpec, ClusterFacts cluster) {
    return new RenderContext(milvus.getMetadata().getName(), milvus.getMetadata().getNamespace(),
        milvus.getMetadata().getUid(), defaultedSpec, cluster);
  }

  /** The same Milvus, with what the cluster tells. */
  public RenderContext with(ClusterFacts facts) {
    return new RenderContext(name, namespace, uid, spec, facts);
  }

  /** The Kafka Secret the pods read SASL credentials (and a private CA) from; null unless Kafka is the queue. */
  public String kafkaSecret() {
    var deps = spec.getDependencies();
    String secret = deps.getKafka() == null ? null : deps.getKafka().getSecretRef();
    return "kafka".equals(deps.getMsgStreamType()) && secret != null && !secret.isEmpty() ? secret : null;
  }

  /** Makes the object garbage-collected with the Milvus. */
  public OwnerReference owner() {
    return new OwnerReferenceBuilder()
        .withApiVersion(Milvus.GROUP + "/" + Milvus.VERSION)
        .withKind("Milvus")
        .withName(name)
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  public boolean externalEtcd() {
    return Boolean.TRUE.equals(spec.getDependencies().getEtcd().getExternal());
  }

  /** Kafka chosen as the message queue, and not external: the operator deploys it. */
  public boolean inClusterKafka() {
    var deps = spec.getDependencies();
    return "kafka".equals(deps.getMsgStreamType()) && !Boolean.TRUE.equals(deps.getKafka().getExternal());
  }

  /** Pulsar chosen as the message queue (upstream's default for a cluster), and not external: the operator deploys it. */
  public boolean inClusterPulsar() {
    var deps = spec.getDependencies();
    return "pulsar".equals(deps.getMsgStreamType()) && !Boolean.TRUE.equals(deps.getPulsar().getExternal());
  }

  public boolean externalStorage() {
    return Boolean.TRUE.equals(spec.getDependencies().getStorage().getExternal());
  }
}
