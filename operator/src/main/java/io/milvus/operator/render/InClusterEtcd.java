package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;

/**
 * A single-member etcd for one Milvus: StatefulSet {@code <cr>-etcd} with a PVC, a headless Service for the member's
 * stable name and a client Service {@code <cr>-etcd}. Settings follow the Milvus project's own compose file
 * (compaction every 1000 revisions, 4 GiB quota).
 */
public final class InClusterEtcd {

  static final String COMPONENT = "etcd";
  static final String REPOSITORY = "quay.io/coreos/etcd";
  static final String TAG = "v3.5.18";

  private InClusterEtcd() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    return List.of(headlessService(ctx), clientService(ctx), statefulSet(ctx));
  }

  private static StatefulSet statefulSet(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getEtcd().getInCluster());
    String member = Names.etcd(ctx.name()) + "-0." + Names.etcdHeadless(ctx.name()) + "." + ctx.namespace();
    return new StatefulSetBuilder()
        .withNewMetadata()
          .withName(Names.etcd(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withServiceName(Names.etcdHeadless(ctx.name()))
          .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), COMPONENT)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .addNewContainer()
                .withName("etcd")
                .withImage(values.image(REPOSITORY, TAG))
                .withCommand("etcd")
                .withArgs(
                    "--name=" + Names.etcd(ctx.name()) + "-0",
                    "--data-dir=/etcd/data",
                    "--listen-client-urls=http://0.0.0.0:" + MilvusConfig.ETCD_PORT,
                    "--advertise-client-urls=http://" + member + ":" + MilvusConfig.ETCD_PORT,
                    "--listen-peer-urls=http://0.0.0.0:2380",
                    "--auto-compaction-mode=revision",
                    "--auto-compaction-retention=1000",
                    "--quota-backend-bytes=4294967296",
                    "--snapshot-count=50000")
                .addNewPort().withName("client").withContainerPort(MilvusConfig.ETCD_PORT).endPort()
                .addNewPort().withName("peer").withContainerPort(2380).endPort()
                .withNewReadinessProbe()
                  .withNewHttpGet().withPath("/health").withPort(new IntOrString(MilvusConfig.ETCD_PORT)).endHttpGet()
                  .withPeriodSeconds(10).withTimeoutSeconds(5)
                .endReadinessProbe()
                .withResources(values.resources())
                .addNewVolumeMount().withName("data").withMountPath("/etcd").endVolumeMount()
              .endContainer()
            .endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withStorageClassName(values.storageClass())
              .withNewResources().withRequests(Map.of("storage", new Quantity(values.persistenceSize("10Gi"))))
              .endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private static Service headlessService(RenderContext ctx) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(Names.etcdHeadless(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withClusterIP("None")
          .withPublishNotReadyAddresses(true)
          .withSelector(Labels.selector(ctx.name(), COMPONENT))
          .addNewPort().withName("client").withPort(MilvusConfig.ETCD_PORT).withTargetPort(new IntOrString("client"))
          .endPort()
          .addNewPort().withName("peer").withPort(2380).withTargetPort(new IntOrString("peer")).endPort()
        .endSpec()
        .build();
  }

  private static Service clientService(RenderContext ctx) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(Names.etcd(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withSelector(Labels.selector(ctx.name(), COMPONENT))
          .addNewPort().withName("client").withPort(MilvusConfig.ETCD_PORT).withTargetPort(new IntOrString("client"))
          .endPort()
        .endSpec()
        .build();
  }
}
