package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.BuiltInMq;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import io.milvus.operator.api.v1beta1.MilvusDependencies;
import io.milvus.operator.api.v1beta1.MilvusEtcd;
import io.milvus.operator.api.v1beta1.MilvusKafka;
import io.milvus.operator.api.v1beta1.MilvusPulsar;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStorage;
import io.milvus.operator.api.v1beta1.Persistence;
import io.milvus.operator.api.v1beta1.WoodpeckerBufferPool;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of {@code spec.dependencies}: etcd, object storage and the message queue. */
final class DependencyChecks {

  static final List<String> STORAGE_TYPES = List.of("MinIO", "S3", "Azure");
  static final List<String> DELETION_POLICIES = List.of("Retain", "Delete");
  static final List<String> PULSAR_CHARTS = List.of("pulsar-v2", "pulsar-v3");
  static final List<String> ETCD_CHARTS = List.of("etcd-v6", "etcd-v8");

  private static final String PATH = "spec.dependencies";
  private static final List<String> NO_SCHEME = List.of();
  private static final List<String> ETCD_SCHEMES = List.of("http://", "https://");
  private static final List<String> PULSAR_SCHEMES = List.of("pulsar://", "pulsar+ssl://");

  private DependencyChecks() {}

  static void check(Problems problems, MilvusSpec spec, boolean cluster) {
    MilvusDependencies deps = spec.getDependencies();
    if (deps == null) {
      return;
    }
    problems.oneOf(PATH + ".msgStreamType", deps.getMsgStreamType(), MessageQueue.wireNames());
    if (cluster && MessageQueue.of(deps.getMsgStreamType()).map(MessageQueue::standaloneOnly).orElse(false)) {
      problems.add(PATH + ".msgStreamType", deps.getMsgStreamType() + " runs inside a standalone Milvus only: a cluster"
          + " needs pulsar, kafka or woodpecker");
    }
    String queue = effectiveQueue(spec, cluster);
    etcd(problems, deps.getEtcd());
    storage(problems, deps.getStorage());
    pulsar(problems, deps.getPulsar(), MessageQueue.PULSAR.is(queue));
    kafka(problems, deps.getKafka(), MessageQueue.KAFKA.is(queue));
    woodpecker(problems, deps.getWoodpecker(), MessageQueue.WOODPECKER.is(queue));
    builtIn(problems, PATH + ".rocksmq", deps.getRocksmq());
    builtIn(problems, PATH + ".natsmq", deps.getNatsmq());
    if (deps.getTei() != null) {
      inCluster(problems, PATH + ".tei.inCluster", deps.getTei().getInCluster(), List.of());
    }
  }

  /** The queue Milvus will use: the one named, or upstream's default for the mode and version. */
  private static String effectiveQueue(MilvusSpec spec, boolean cluster) {
    String named = spec.getDependencies().getMsgStreamType();
    if (!Problems.isBlank(named)) {
      return named;
    }
    var components = spec.getComponents();
    return (components == null ? ReleaseTopologies.standard().of(null, null)
        : ReleaseTopologies.standard().of(components.getVersion(), components.getImage())).defaultQueue(cluster);
  }

  private static void etcd(Problems problems, MilvusEtcd etcd) {
    if (etcd == null) {
      return;
    }
    String path = PATH + ".etcd";
    List<String> endpoints = etcd.getEndpoints();
    if (Boolean.TRUE.equals(etcd.getExternal()) && (endpoints == null || endpoints.isEmpty())) {
      problems.add(path + ".endpoints", "an external etcd needs endpoints, e.g. [\"my-etcd.default:2379\"]");
    }
    endpoints(problems, path + ".endpoints", endpoints, ETCD_SCHEMES, "etcd endpoint", "my-etcd.default:2379");
    inCluster(problems, path + ".inCluster", etcd.getInCluster(), ETCD_CHARTS);
  }

  private static void storage(Problems problems, MilvusStorage storage) {
    if (storage == null) {
      return;
    }
    String path = PATH + ".storage";
    problems.oneOf(path + ".type", storage.getType(), STORAGE_TYPES);
    String endpoint = storage.getEndpoint();
    if (Boolean.TRUE.equals(storage.getExternal()) && Problems.isBlank(endpoint)) {
      problems.add(path + ".endpoint", "an external storage needs an endpoint, e.g. s3.amazonaws.com:443");
    } else if (!Problems.isBlank(endpoint) && !Endpoints.isValid(endpoint, NO_SCHEME, false)) {
      problems.add(path + ".endpoint", "storage endpoint \"" + endpoint + "\" must be host or host:port,"
          + " e.g. s3.amazonaws.com:443");
    }
    problems.objectName(path + ".secretRef", storage.getSecretRef(), "Secret");
    if (storage.getSsl() != null) {
      problems.objectName(path + ".ssl.caCertificateRef", storage.getSsl().getCaCertificateRef(), "Secret");
    }
    inCluster(problems, path + ".inCluster", storage.getInCluster(), List.of());
  }

  private static void pulsar(Problems problems, MilvusPulsar pulsar, boolean inUse) {
    if (pulsar == null) {
      return;
    }
    String path = PATH + ".pulsar";
    String endpoint = pulsar.getEndpoint();
    if (inUse && Boolean.TRUE.equals(pulsar.getExternal()) && Problems.isBlank(endpoint)) {
      problems.add(path + ".endpoint", "an external pulsar needs an endpoint, e.g. my-pulsar-proxy.default:6650");
    } else if (!Problems.isBlank(endpoint) && !Endpoints.isValid(endpoint, PULSAR_SCHEMES, true)) {
      problems.add(path + ".endpoint", "pulsar endpoint \"" + endpoint + "\" must be host:port (optionally after"
          + " pulsar://), e.g. my-pulsar-proxy.default:6650");
    }
    inCluster(problems, path + ".inCluster", pulsar.getInCluster(), PULSAR_CHARTS);
  }

  private static void kafka(Problems problems, MilvusKafka kafka, boolean inUse) {
    if (kafka == null) {
      return;
    }
    String path = PATH + ".kafka";
    List<String> brokers = kafka.getBrokerList();
    if (inUse && Boolean.TRUE.equals(kafka.getExternal()) && (brokers == null || brokers.isEmpty())) {
      problems.add(path + ".brokerList", "an external kafka needs brokerList, e.g. [\"my-kafka.default:9092\"]");
    }
    endpoints(problems, path + ".brokerList", brokers, NO_SCHEME, "kafka broker", "my-kafka.default:9092");
    problems.objectName(path + ".secretRef", kafka.getSecretRef(), "Secret");
    inCluster(problems, path + ".inCluster", kafka.getInCluster(), List.of());
  }

  private static void woodpecker(Problems problems, BuiltInMq woodpecker, boolean inUse) {
    if (woodpecker == null) {
      return;
    }
    String path = PATH + ".woodpecker";
    persistence(problems, path + ".persistence", woodpecker.getPersistence());
    List<WoodpeckerBufferPool> pools = woodpecker.getQuorumBufferPools();
    if (inUse && Boolean.TRUE.equals(woodpecker.getExternal()) && (pools == null || pools.isEmpty())) {
      problems.add(path + ".quorumBufferPools", "an external woodpecker needs quorumBufferPools: at least one pool"
          + " with a name and the seeds (host:18080) of the LogStore servers");
    }
    if (pools == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < pools.size(); i++) {
      String poolPath = path + ".quorumBufferPools[" + i + "]";
      WoodpeckerBufferPool pool = pools.get(i);
      if (pool == null || Problems.isBlank(pool.getName())) {
        problems.add(poolPath + ".name", "every buffer pool needs a name, e.g. default-region-pool");
      } else if (!names.add(pool.getName())) {
        problems.add(poolPath + ".name", "buffer pool name \"" + pool.getName() + "\" is used twice: names must be unique");
      }
      List<String> seeds = pool == null ? null : pool.getSeeds();
      if (seeds == null || seeds.isEmpty()) {
        problems.add(poolPath + ".seeds", "every buffer pool needs seeds, the host:port of its LogStore servers");
      }
      endpoints(problems, poolPath + ".seeds", seeds, NO_SCHEME, "woodpecker seed", "my-logstore-0.my-logstore:18080");
    }
  }

  /** rocksmq and natsmq: only the persistence applies; the woodpecker-only settings are mistakes. */
  private static void builtIn(Problems problems, String path, BuiltInMq queue) {
    if (queue == null) {
      return;
    }
    persistence(problems, path + ".persistence", queue.getPersistence());
    if (queue.getExternal() != null) {
      problems.add(path + ".external", "external applies to woodpecker only: use dependencies.woodpecker.external");
    }
    if (queue.getQuorumBufferPools() != null) {
      problems.add(path + ".quorumBufferPools", "quorumBufferPools apply to woodpecker only:"
          + " use dependencies.woodpecker.quorumBufferPools");
    }
  }

  private static void persistence(Problems problems, String path, Persistence persistence) {
    if (persistence == null || persistence.getPersistentVolumeClaim() == null) {
      return;
    }
    var claim = persistence.getPersistentVolumeClaim();
    problems.objectName(path + ".persistentVolumeClaim.existingClaim", claim.getExistingClaim(), "PersistentVolumeClaim");
    problems.labels(path + ".persistentVolumeClaim.labels", claim.getLabels());
    problems.annotations(path + ".persistentVolumeClaim.annotations", claim.getAnnotations());
  }

  private static void inCluster(Problems problems, String path, InClusterConfig inCluster, List<String> charts) {
    if (inCluster == null) {
      return;
    }
    problems.oneOf(path + ".deletionPolicy", inCluster.getDeletionPolicy(), DELETION_POLICIES);
    if (!charts.isEmpty()) {
      problems.oneOf(path + ".chartVersion", inCluster.getChartVersion(), charts);
    }
  }

  private static void endpoints(
      Problems problems, String path, List<String> endpoints, List<String> schemes, String what, String example) {
    if (endpoints == null) {
      return;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      String endpoint = endpoints.get(i);
      if (endpoint == null || !Endpoints.isValid(endpoint, schemes, true)) {
        String schemeHint = schemes.isEmpty() ? "" : " (optionally after " + String.join(" or ", schemes) + ")";
        problems.add(path + "[" + i + "]",
            what + " \"" + endpoint + "\" must be host:port" + schemeHint + ", e.g. " + example);
      }
    }
  }
}
