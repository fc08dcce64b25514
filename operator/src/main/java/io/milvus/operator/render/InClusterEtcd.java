package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.milvus.operator.render.DependencyWorkloads.Port;
import java.util.List;

/**
 * A single-member etcd for one Milvus: StatefulSet {@code <cr>-etcd} with a PVC, a headless Service for the member's
 * stable name and a client Service {@code <cr>-etcd}. Settings follow the Milvus project's own compose file
 * (compaction every 1000 revisions, 4 GiB quota).
 */
public final class InClusterEtcd {

  static final String COMPONENT = "etcd";
  static final String REPOSITORY = "quay.io/coreos/etcd";
  static final String TAG = "v3.5.18";
  private static final Port CLIENT = new Port("client", MilvusConfig.ETCD_PORT);
  private static final Port PEER = new Port("peer", 2380);

  private InClusterEtcd() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getEtcd().getInCluster());
    return List.of(
        DependencyWorkloads.service(ctx, COMPONENT, Names.etcdHeadless(ctx.name()), true, CLIENT, PEER),
        DependencyWorkloads.service(ctx, COMPONENT, Names.etcd(ctx.name()), false, CLIENT),
        DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.etcd(ctx.name()), Names.etcdHeadless(ctx.name()), 1,
            null, container(ctx, values), "data", values, "10Gi"));
  }

  private static Container container(RenderContext ctx, DependencyValues values) {
    String member = Names.etcd(ctx.name()) + "-0." + Names.etcdHeadless(ctx.name()) + "." + ctx.namespace();
    return new ContainerBuilder()
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
            "--snapshot-count=50000")
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
