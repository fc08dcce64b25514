package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.render.InClusterMinio.Layout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Pure: the in-cluster dependencies to write, given the ones running. A running dependency keeps its shape across
 * operator upgrades (a one-member etcd of an earlier release is not restarted because the default became three), and
 * a change that cannot be made in place is refused with the reason, never made by recreating the data: an etcd's
 * member count, a MinIO's mode and server pools, a Kafka's broker count (its controller quorum) and listeners, and
 * any StatefulSet's volumes (Kubernetes keeps a StatefulSet's volume claim templates as they were created).
 *
 * @param dependencies the objects to write
 * @param refusals why the spec cannot be applied, each as "path: reason"; when any, nothing is written
 */
public record RunningShapes(List<HasMetadata> dependencies, List<String> refusals) {

  static final String REPLICA_COUNT = "spec.dependencies.etcd.inCluster.values.replicaCount";
  static final String STORAGE_VALUES = "spec.dependencies.storage.inCluster.values.";
  static final String KAFKA_VALUES = "spec.dependencies.kafka.inCluster.values.";
  /** The broker settings a rolling restart cannot change: which listeners exist and how they are secured. */
  private static final List<String> KAFKA_LISTENER_ENV = List.of("KAFKA_LISTENERS",
      "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_INTER_BROKER_LISTENER_NAME", "KAFKA_CONTROLLER_LISTENER_NAMES");

  /** @param running the dependencies' StatefulSets that exist, by name */
  public static RunningShapes of(RenderContext ctx, List<HasMetadata> desired, Map<String, StatefulSet> running) {
    List<String> refusals = new ArrayList<>();
    List<HasMetadata> objects = etcd(ctx, desired, running, refusals);
    if (!ctx.externalStorage()) {
      Optional.ofNullable(running.get(Names.minio(ctx.name()))).ifPresent(minio -> minio(ctx, minio, refusals));
    }
    if (ctx.inClusterKafka()) {
      Optional.ofNullable(running.get(Names.kafka(ctx.name()))).ifPresent(kafka ->
          kafka(ctx, kafka, statefulSet(objects, Names.kafka(ctx.name())), refusals));
    }
    if (refusals.isEmpty()) {
      for (HasMetadata object : objects) {
        if (object instanceof StatefulSet sts && running.containsKey(sts.getMetadata().getName())) {
          volumes(ctx, running.get(sts.getMetadata().getName()), sts).ifPresent(refusals::add);
        }
      }
    }
    return refusals.isEmpty() ? new RunningShapes(objects, List.of()) : new RunningShapes(List.of(), refusals);
  }

  /** A running etcd keeps its form and member count; the rest of {@code desired} passes through. */
  private static List<HasMetadata> etcd(RenderContext ctx, List<HasMetadata> desired,
      Map<String, StatefulSet> running, List<String> refusals) {
    StatefulSet etcd = running.get(Names.etcd(ctx.name()));
    if (ctx.externalEtcd() || etcd == null) {
      return desired;
    }
    int members = etcd.getSpec().getReplicas() == null ? 1 : etcd.getSpec().getReplicas();
    OptionalInt requested = InClusterEtcd.requestedMembers(ctx);
    if (requested.isPresent() && requested.getAsInt() != members) {
      refusals.add(REPLICA_COUNT + ": etcd " + Names.etcd(ctx.name()) + " runs "
          + members + " member(s); changing it to " + requested.getAsInt() + " needs runtime membership changes"
          + " (etcdctl member add/remove) that this operator does not make, and recreating it would lose Milvus's"
          + " metadata. Set replicaCount back to " + members + ", or migrate to a new etcd");
      return desired;
    }
    var inCluster = ctx.spec().getDependencies().getEtcd().getInCluster();
    List<HasMetadata> kept = InClusterDependency.owned(inCluster, InClusterEtcd.isSingleMemberForm(etcd)
        ? InClusterEtcd.renderSingleMember(ctx) : InClusterEtcd.render(ctx, members));
    List<HasMetadata> objects = new ArrayList<>(desired.stream().filter(o -> !isEtcd(ctx, o)).toList());
    objects.addAll(0, kept);
    return objects;
  }

  /** MinIO cannot change a server pool's servers or drives, nor turn one drive's data into an erasure-coded pool. */
  private static void minio(RenderContext ctx, StatefulSet running, List<String> refusals) {
    Layout runs = InClusterMinio.layout(running);
    Layout asked = InClusterMinio.layout(ctx);
    if (runs.equals(asked)) {
      return;
    }
    String name = Names.minio(ctx.name());
    if (!runs.distributed() || !asked.distributed()) {
      refusals.add(STORAGE_VALUES + "mode: MinIO " + name + " runs " + runs.describe() + "; a "
          + (runs.distributed() ? "distributed MinIO cannot become standalone" : "standalone MinIO cannot become"
              + " distributed") + " in place (the data on its drives is laid out for the mode it was made in), and"
          + " recreating it would lose Milvus's data. Set mode back, or copy the data to a new MinIO (mc mirror) and"
          + " use it as external storage");
      return;
    }
    String key = runs.replicas() != asked.replicas() ? "replicas"
        : runs.drivesPerNode() != asked.drivesPerNode() ? "drivesPerNode" : "zones";
    refusals.add(STORAGE_VALUES + key + ": MinIO " + name + " runs " + runs.describe() + ", the spec asks for "
        + asked.describe() + "; MinIO cannot change a server pool's servers or drives, and adding a pool means"
        + " restarting every server with the new pool list, which this operator does not do. Set the values back to"
        + " what runs");
  }

  /** The brokers are the controller quorum, whose voters are fixed, and a listener change breaks a rolling restart. */
  private static void kafka(RenderContext ctx, StatefulSet running, Optional<StatefulSet> desired,
      List<String> refusals) {
    String name = Names.kafka(ctx.name());
    int brokers = running.getSpec().getReplicas() == null ? 1 : running.getSpec().getReplicas();
    int asked = KafkaValues.of(ctx).replicas();
    if (brokers != asked) {
      refusals.add(KAFKA_VALUES + "replicaCount: Kafka " + name + " runs " + brokers + " broker(s), each a voter of"
          + " its KRaft controller quorum; changing it to " + asked + " changes the quorum's voters, which the"
          + " brokers cannot do in a restart. Set replicaCount back to " + brokers);
    }
    Map<String, String> runs = listenerSettings(running);
    Map<String, String> wanted = desired.map(RunningShapes::listenerSettings).orElse(runs);
    if (!runs.equals(wanted)) {
      refusals.add(KAFKA_VALUES + "listeners: Kafka " + name + " runs with listeners " + runs.get("KAFKA_LISTENERS")
          + " (" + runs.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP") + "); the spec asks for "
          + wanted.get("KAFKA_LISTENERS") + " (" + wanted.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP") + "). Brokers"
          + " restarted one by one with other listeners lose their replicas' connections, so this is not done in"
          + " place. Set the listener and SASL values back to what runs");
    }
  }

  private static Map<String, String> listenerSettings(StatefulSet sts) {
    Map<String, String> settings = new TreeMap<>();
    List<Container> containers = sts.getSpec().getTemplate().getSpec().getContainers();
    List<EnvVar> env = containers.isEmpty() || containers.get(0).getEnv() == null ? List.of()
        : containers.get(0).getEnv();
    env.stream().filter(e -> KAFKA_LISTENER_ENV.contains(e.getName()))
        .forEach(e -> settings.put(e.getName(), e.getValue()));
    return settings;
  }

  /** Kubernetes refuses any change to a StatefulSet's volume claim templates: say so before trying. */
  private static Optional<String> volumes(RenderContext ctx, StatefulSet running, StatefulSet desired) {
    Map<String, String> runs = claims(running);
    Map<String, String> asked = claims(desired);
    if (runs.equals(asked)) {
      return Optional.empty();
    }
    String component = desired.getMetadata().getLabels().get(Labels.COMPONENT);
    return Optional.of(valuesPath(component) + ": StatefulSet " + desired.getMetadata().getName() + " keeps the"
        + " volumes it was created with " + describe(runs) + ", the spec asks for " + describe(asked) + "; Kubernetes"
        + " does not change a StatefulSet's volume claim templates, and recreating it would lose its data. Set the"
        + " persistence values back to what runs (a PVC of the running StatefulSet may be grown by editing it)");
  }

  /** Each claim template by name, with its size and storage class. */
  private static Map<String, String> claims(StatefulSet sts) {
    Map<String, String> claims = new TreeMap<>();
    List<PersistentVolumeClaim> templates = sts.getSpec().getVolumeClaimTemplates();
    for (PersistentVolumeClaim claim : templates == null ? List.<PersistentVolumeClaim>of() : templates) {
      Quantity size = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
          ? null : claim.getSpec().getResources().getRequests().get("storage");
      BigDecimal bytes = size == null ? null : size.getNumericalAmount().stripTrailingZeros();
      String storageClass = claim.getSpec().getStorageClassName();
      claims.put(claim.getMetadata().getName(), (bytes == null ? "?" : bytes.toPlainString() + " bytes")
          + (storageClass == null ? "" : " of class " + storageClass));
    }
    return claims;
  }

  private static String describe(Map<String, String> claims) {
    return claims.isEmpty() ? "(none: no persistence)" : claims.toString();
  }

  private static String valuesPath(String component) {
    if (Objects.equals(component, InClusterEtcd.COMPONENT)) {
      return "spec.dependencies.etcd.inCluster.values.persistence";
    }
    if (Objects.equals(component, InClusterMinio.COMPONENT)) {
      return STORAGE_VALUES + "persistence";
    }
    if (Objects.equals(component, InClusterKafka.COMPONENT)) {
      return KAFKA_VALUES + "persistence";
    }
    return "spec.dependencies.pulsar.inCluster.values";
  }

  private static Optional<StatefulSet> statefulSet(List<HasMetadata> objects, String name) {
    return objects.stream().filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(name))
        .map(StatefulSet.class::cast).findFirst();
  }

  private static boolean isEtcd(RenderContext ctx, HasMetadata object) {
    String name = object.getMetadata().getName();
    return name.equals(Names.etcd(ctx.name())) || name.equals(Names.etcdHeadless(ctx.name()));
  }
}
