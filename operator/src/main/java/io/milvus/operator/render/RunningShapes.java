package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Pure: the in-cluster dependencies to write, given the ones running. A running dependency keeps its shape across
 * operator upgrades (a one-member etcd of an earlier release is not restarted because the default became three), and
 * a change that cannot be made in place is refused with the reason, never made by recreating the data.
 *
 * @param dependencies the objects to write
 * @param refusals why the spec cannot be applied, each as "path: reason"; when any, nothing is written
 */
public record RunningShapes(List<HasMetadata> dependencies, List<String> refusals) {

  static final String REPLICA_COUNT = "spec.dependencies.etcd.inCluster.values.replicaCount";

  /** @param running the dependencies' StatefulSets that exist, by name */
  public static RunningShapes of(RenderContext ctx, List<HasMetadata> desired, Map<String, StatefulSet> running) {
    StatefulSet etcd = running.get(Names.etcd(ctx.name()));
    if (ctx.externalEtcd() || etcd == null) {
      return new RunningShapes(desired, List.of());
    }
    int members = etcd.getSpec().getReplicas() == null ? 1 : etcd.getSpec().getReplicas();
    OptionalInt requested = InClusterEtcd.requestedMembers(ctx);
    if (requested.isPresent() && requested.getAsInt() != members) {
      return new RunningShapes(List.of(), List.of(REPLICA_COUNT + ": etcd " + Names.etcd(ctx.name()) + " runs "
          + members + " member(s); changing it to " + requested.getAsInt() + " needs runtime membership changes"
          + " (etcdctl member add/remove) that this operator does not make, and recreating it would lose Milvus's"
          + " metadata. Set replicaCount back to " + members + ", or migrate to a new etcd"));
    }
    var inCluster = ctx.spec().getDependencies().getEtcd().getInCluster();
    List<HasMetadata> kept = InClusterDependency.owned(inCluster, InClusterEtcd.isSingleMemberForm(etcd)
        ? InClusterEtcd.renderSingleMember(ctx) : InClusterEtcd.render(ctx, members));
    List<HasMetadata> objects = new ArrayList<>(desired.stream().filter(o -> !isEtcd(ctx, o)).toList());
    objects.addAll(0, kept);
    return new RunningShapes(objects, List.of());
  }

  private static boolean isEtcd(RenderContext ctx, HasMetadata object) {
    String name = object.getMetadata().getName();
    return name.equals(Names.etcd(ctx.name())) || name.equals(Names.etcdHeadless(ctx.name()));
  }
}
