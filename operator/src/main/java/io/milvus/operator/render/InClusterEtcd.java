package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.milvus.operator.render.DependencyWorkloads.Port;
import java.util.List;

/**
 * etcd for one Milvus: StatefulSet {@code <cr>-etcd} with a PVC per member, a headless Service for the members' stable
 * names and a client Service {@code <cr>-etcd}. A new etcd has three members in a cluster and one in standalone, as
 * upstream's, or {@code inCluster.values.replicaCount}; members find each other through the headless Service and keep
 * their identity in their data directory, so a restarted member rejoins. A PodDisruptionBudget keeps a quorum through
 * voluntary disruptions. An etcd made by an earlier release (one member, no peer configuration) keeps its form
 * ({@link #renderSingleMember}). Settings follow the Milvus project's own compose file (compaction every 1000
 * revisions, 4 GiB quota).
 */
public final class InClusterEtcd {

  static final String COMPONENT = "etcd";
  static final String REPOSITORY = "quay.io/coreos/etcd";
  static final String TAG = "v3.5.18";
  static final String INITIAL_CLUSTER = "--initial-cluster=";
  private static final Port CLIENT = new Port("client", MilvusConfig.ETCD_PORT);
  private static final Port PEER = new Port("peer", 2380);

  private InClusterEtcd() {}

  /** A new etcd of {@link #defaultMembers} members. */
  public static List<HasMetadata> render(RenderContext ctx) {
    return render(ctx, defaultMembers(ctx));
  }

  /** The members asked for: {@code replicaCount}, else three in a cluster and one in standalone. */
  public static int defaultMembers(RenderContext ctx) {
    return requestedMembers(ctx).orElse("standalone".equals(ctx.spec().getMode()) ? 1 : 3);
  }

  /** {@code inCluster.values.replicaCount}, when given. */
  public static java.util.OptionalInt requestedMembers(RenderContext ctx) {
    Object count = values(ctx).values().get("replicaCount");
    return count instanceof Number n ? java.util.OptionalInt.of(n.intValue()) : java.util.OptionalInt.empty();
  }

  /** An etcd of {@code members} members with its peer configuration and disruption budget. */
  public static List<HasMetadata> render(RenderContext ctx, int members) {
    DependencyValues values = values(ctx);
    List<HasMetadata> objects = new java.util.ArrayList<>(services(ctx));
    objects.add(DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.etcd(ctx.name()), Names.etcdHeadless(ctx.name()),
        members, "Parallel", memberContainer(ctx, values, members), "data", values, "10Gi"));
    if (members > 1) {
      objects.add(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
          .withNewMetadata()
            .withName(Names.etcd(ctx.name())).withNamespace(ctx.namespace())
            .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
          .endMetadata()
          .withNewSpec()
            .withMinAvailable(new IntOrString(members / 2 + 1))
            .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), COMPONENT)).endSelector()
          .endSpec()
          .build());
    }
    return objects;
  }

  /** The form of earlier releases: one member with a fixed name and no peers, kept as it runs. */
  public static List<HasMetadata> renderSingleMember(RenderContext ctx) {
    DependencyValues values = values(ctx);
    List<HasMetadata> objects = new java.util.ArrayList<>(services(ctx));
    objects.add(DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.etcd(ctx.name()), Names.etcdHeadless(ctx.name()), 1,
        null, container(ctx, values), "data", values, "10Gi"));
    return objects;
  }

  /** Whether a running etcd StatefulSet has the single-member form of earlier releases. */
  public static boolean isSingleMemberForm(io.fabric8.kubernetes.api.model.apps.StatefulSet sts) {
    var containers = sts.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() || containers.get(0).getArgs() == null
        || containers.get(0).getArgs().stream().noneMatch(a -> a.startsWith(INITIAL_CLUSTER));
  }

  private static DependencyValues values(RenderContext ctx) {
    return DependencyValues.of(ctx.spec().getDependencies().getEtcd().getInCluster());
  }

  private static List<HasMetadata> services(RenderContext ctx) {
    return List.of(
        DependencyWorkloads.service(ctx, COMPONENT, Names.etcdHeadless(ctx.name()), true, CLIENT, PEER),
        DependencyWorkloads.service(ctx, COMPONENT, Names.etcd(ctx.name()), false, CLIENT));
  }

  /**
   * A member named after its pod, advertising its stable name; the initial cluster lists every member. The
   * initial-cluster flags only matter on the first start: a restarted member reads its membership from its data.
   */
  private static Container memberContainer(RenderContext ctx, DependencyValues values, int members) {
    String domain = Names.etcdHeadless(ctx.name()) + "." + ctx.namespace();
    String initialCluster = java.util.stream.IntStream.range(0, members)
        .mapToObj(i -> Names.etcd(ctx.name()) + "-" + i + "=http://" + Names.etcd(ctx.name()) + "-" + i + "." + domain
            + ":" + PEER.number())
        .collect(java.util.stream.Collectors.joining(","));
    ContainerBuilder container = new ContainerBuilder()
        .withName("etcd")
        .withImage(values.image(REPOSITORY, TAG))
        .withCommand("etcd")
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
          .endFieldRef().endValueFrom().endEnv()
        .withArgs(
            "--name=$(POD_NAME)",
            "--data-dir=/etcd/data",
            "--listen-client-urls=http://0.0.0.0:" + CLIENT.number(),
            "--advertise-client-urls=http://$(POD_NAME)." + domain + ":" + CLIENT.number(),
            "--listen-peer-urls=http://0.0.0.0:" + PEER.number(),
            "--initial-advertise-peer-urls=http://$(POD_NAME)." + domain + ":" + PEER.number(),
            INITIAL_CLUSTER + initialCluster,
            "--initial-cluster-state=new",
            "--initial-cluster-token=" + Names.etcd(ctx.name()),
            "--auto-compaction-mode=revision",
            "--auto-compaction-retention=1000",
            "--quota-backend-bytes=4294967296",
            "--snapshot-count=50000");
    return withPortsProbeAndVolume(container, values);
  }

  private static Container container(RenderContext ctx, DependencyValues values) {
    String member = Names.etcd(ctx.name()) + "-0." + Names.etcdHeadless(ctx.name()) + "." + ctx.namespace();
    ContainerBuilder container = new ContainerBuilder()
        .withName("etcd")
        .withImage(values.image(REPOSITORY, TAG))
        .withCommand("etcd")
        .withArgs(
            "--name=" + Names.etcd(ctx.name()) + "-0",
            "--data-dir=/etcd/data",
            "--listen-client-urls=http://0.0.0.0:" + CLIENT.number(),
            "--advertise-client-urls=http://" + member + ":" + CLIENT.number(),
            "--listen-peer-urls=http://0.0.0.0:" + PEER.number(),
            "--auto-compaction-mode=revision",
            "--auto-compaction-retention=1000",
            "--quota-backend-bytes=4294967296",
            "--snapshot-count=50000");
    return withPortsProbeAndVolume(container, values);
  }

  private static Container withPortsProbeAndVolume(ContainerBuilder container, DependencyValues values) {
    return container
        .addNewPort().withName(CLIENT.name()).withContainerPort(CLIENT.number()).endPort()
        .addNewPort().withName(PEER.name()).withContainerPort(PEER.number()).endPort()
        .withNewReadinessProbe()
          .withNewHttpGet().withPath("/health").withPort(new IntOrString(CLIENT.number())).endHttpGet()
          .withPeriodSeconds(10).withTimeoutSeconds(5)
        .endReadinessProbe()
        .withResources(values.resources())
        .addNewVolumeMount().withName("data").withMountPath("/etcd").endVolumeMount()
        .build();
  }
}
