package io.milvus.operator.api;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.BuiltInMq;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusDependencies;
import io.milvus.operator.api.v1beta1.MilvusEtcd;
import io.milvus.operator.api.v1beta1.MilvusKafka;
import io.milvus.operator.api.v1beta1.MilvusPulsar;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.UnreadableSpec;
import io.milvus.operator.api.v1beta1.MilvusStorage;
import io.milvus.operator.api.v1beta1.Persistence;
import io.milvus.operator.api.v1beta1.ProxyComponent;
import io.milvus.operator.api.v1beta1.ServiceComponent;
import io.milvus.operator.api.v1beta1.WorkerComponent;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fills in what the user left out, as upstream's defaults do, on a copy: the user's spec in the API server is never
 * changed, so an operator upgrade that changes a default is visible in one place and never frozen into resources.
 */
public final class MilvusDefaults {

  public static final String MODE_STANDALONE = "standalone";
  public static final String MODE_CLUSTER = "cluster";
  public static final int DEFAULT_PORT = 19530;

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private MilvusDefaults() {}

  /** A defaulted deep copy of {@code spec}; {@code spec} itself is left untouched. */
  public static MilvusSpec apply(MilvusSpec spec, OperatorDefaults defaults) {
    // an unreadable spec is refused by validation; defaults of nothing keep every reader safe
    MilvusSpec d = spec == null || spec instanceof UnreadableSpec ? new MilvusSpec() : JSON.clone(spec);
    d.setMode(orDefault(d.getMode(), MODE_STANDALONE));
    MilvusComponents c = orNew(d.getComponents(), MilvusComponents::new, d::setComponents);
    c.setImage(blankOr(c.getImage(), defaults.milvusImage()));
    c.setImagePullPolicy(blankOr(c.getImagePullPolicy(), "IfNotPresent"));
    c.setImageUpdateMode(blankOr(c.getImageUpdateMode(), "rollingUpgrade"));
    c.setEnableRollingUpdate(orDefault(c.getEnableRollingUpdate(), true));
    c.setUpdateConfigMapOnly(orDefault(c.getUpdateConfigMapOnly(), true));
    c.setTargetPortType(blankOr(c.getTargetPortType(), "string"));
    ReleaseTopology release = ReleaseTopologies.standard().of(c.getVersion(), c.getImage());
    boolean cluster = MODE_CLUSTER.equals(d.getMode());

    ServiceComponent standalone = orNew(c.getStandalone(), ServiceComponent::new, c::setStandalone);
    standalone.setReplicas(orDefault(standalone.getReplicas(), cluster ? 0 : 1));
    serviceDefaults(standalone);
    if (cluster) {
      clusterComponentDefaults(c, release);
    }

    MilvusDependencies deps = orNew(d.getDependencies(), MilvusDependencies::new, d::setDependencies);
    deps.setMsgStreamType(blankOr(deps.getMsgStreamType(),
        blankOr(defaults.messageQueue(), release.defaultQueue(cluster))));
    MilvusEtcd etcd = orNew(deps.getEtcd(), MilvusEtcd::new, deps::setEtcd);
    etcd.setExternal(orDefault(etcd.getExternal(), false));
    if (!etcd.getExternal()) {
      etcd.setInCluster(inClusterDefaults(etcd.getInCluster()));
    }
    MilvusStorage storage = orNew(deps.getStorage(), MilvusStorage::new, deps::setStorage);
    storage.setType(blankOr(storage.getType(), "MinIO"));
    storage.setExternal(orDefault(storage.getExternal(), false));
    if (!storage.getExternal()) {
      storage.setInCluster(inClusterDefaults(storage.getInCluster()));
    }
    // an unknown queue is the validator's to report: nothing to default
    switch (MessageQueue.of(deps.getMsgStreamType()).orElse(MessageQueue.CUSTOM)) {
      case PULSAR -> {
        MilvusPulsar pulsar = orNew(deps.getPulsar(), MilvusPulsar::new, deps::setPulsar);
        pulsar.setExternal(orDefault(pulsar.getExternal(), false));
        if (!pulsar.getExternal()) {
          pulsar.setInCluster(inClusterDefaults(pulsar.getInCluster()));
        }
      }
      case KAFKA -> {
        MilvusKafka kafka = orNew(deps.getKafka(), MilvusKafka::new, deps::setKafka);
        kafka.setExternal(orDefault(kafka.getExternal(), false));
        if (!kafka.getExternal()) {
          kafka.setInCluster(inClusterDefaults(kafka.getInCluster()));
        }
      }
      case ROCKSMQ -> persistenceDefaults(orNew(deps.getRocksmq(), BuiltInMq::new, deps::setRocksmq));
      case NATSMQ -> persistenceDefaults(orNew(deps.getNatsmq(), BuiltInMq::new, deps::setNatsmq));
      case WOODPECKER -> persistenceDefaults(orNew(deps.getWoodpecker(), BuiltInMq::new, deps::setWoodpecker));
      case CUSTOM -> { }
    }
    return d;
  }

  /** The components of the release line's cluster (release-topologies.yaml), each with one replica by default. */
  private static void clusterComponentDefaults(MilvusComponents c, ReleaseTopology release) {
    ProxyComponent proxy = orNew(c.getProxy(), ProxyComponent::new, c::setProxy);
    serviceDefaults(proxy);
    if (release.runsSeparateCoordinators(
        Stream.of(c.getRootCoord(), c.getDataCoord(), c.getQueryCoord(), c.getIndexCoord()).anyMatch(x -> x != null))) {
      orNew(c.getRootCoord(), Component::new, c::setRootCoord);
      orNew(c.getDataCoord(), Component::new, c::setDataCoord);
      orNew(c.getQueryCoord(), Component::new, c::setQueryCoord);
      orNew(c.getIndexCoord(), Component::new, c::setIndexCoord);
    } else {
      orNew(c.getMixCoord(), Component::new, c::setMixCoord);
    }
    orNew(c.getDataNode(), WorkerComponent::new, c::setDataNode);
    orNew(c.getQueryNode(), WorkerComponent::new, c::setQueryNode);
    if (release.indexNode()) {
      orNew(c.getIndexNode(), WorkerComponent::new, c::setIndexNode);
    }
    if (release.runsStreamingNodes(Boolean.TRUE.equals(c.getStreamingMode()))) {
      orNew(c.getStreamingNode(), WorkerComponent::new, c::setStreamingNode);
    }
    Stream.of(c.getProxy(), c.getMixCoord(), c.getRootCoord(), c.getDataCoord(), c.getQueryCoord(), c.getIndexCoord(),
            c.getDataNode(), c.getQueryNode(), c.getIndexNode(), c.getStreamingNode(), c.getCdc())
        .filter(x -> x != null)
        .forEach(x -> x.setReplicas(orDefault(x.getReplicas(), 1)));
  }

  private static void serviceDefaults(ServiceComponent s) {
    s.setServiceType(blankOr(s.getServiceType(), "ClusterIP"));
    if (s.getPort() == null || s.getPort() <= 0) {
      s.setPort(DEFAULT_PORT);
    }
  }

  private static InClusterConfig inClusterDefaults(InClusterConfig given) {
    InClusterConfig in = given == null ? new InClusterConfig() : given;
    // deletionPolicy stays unset when unset: its workloads go with the Milvus and its volumes stay, where upstream's
    // default (Retain) leaves whole releases behind.
    in.setPvcDeletion(orDefault(in.getPvcDeletion(), false));
    return in;
  }

  private static void persistenceDefaults(BuiltInMq mq) {
    Persistence p = orNew(mq.getPersistence(), Persistence::new, mq::setPersistence);
    p.setEnabled(orDefault(p.getEnabled(), true));
    p.setPvcDeletion(orDefault(p.getPvcDeletion(), false));
  }

  private static <T> T orNew(T value, Supplier<T> create, Consumer<T> set) {
    if (value != null) {
      return value;
    }
    T created = create.get();
    set.accept(created);
    return created;
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String blankOr(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
