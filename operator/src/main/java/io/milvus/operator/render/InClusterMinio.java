package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;

/** A single-server MinIO for one Milvus: StatefulSet {@code <cr>-minio} with a PVC and Service {@code <cr>-minio}. */
public final class InClusterMinio {

  static final String COMPONENT = "minio";
  static final String REPOSITORY = "minio/minio";
  static final String TAG = "RELEASE.2024-12-18T13-15-44Z";

  private InClusterMinio() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    return List.of(service(ctx), statefulSet(ctx));
  }

  private static StatefulSet statefulSet(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getStorage().getInCluster());
    String secret = Names.minioSecret(ctx.name());
    return new StatefulSetBuilder()
        .withNewMetadata()
          .withName(Names.minio(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withServiceName(Names.minio(ctx.name()))
          .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), COMPONENT)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .addNewContainer()
                .withName("minio")
                .withImage(values.image(REPOSITORY, TAG))
                .withArgs("server", "/export", "--console-address", ":9001")
                .withEnv(
                    new EnvVarBuilder().withName("MINIO_ROOT_USER").withNewValueFrom().withNewSecretKeyRef()
                        .withName(secret).withKey(StorageSecret.ACCESS_KEY).endSecretKeyRef().endValueFrom().build(),
                    new EnvVarBuilder().withName("MINIO_ROOT_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                        .withName(secret).withKey(StorageSecret.SECRET_KEY).endSecretKeyRef().endValueFrom().build())
                .addNewPort().withName("api").withContainerPort(MilvusConfig.MINIO_PORT).endPort()
                .withNewReadinessProbe()
                  .withNewHttpGet().withPath("/minio/health/ready").withPort(new IntOrString(MilvusConfig.MINIO_PORT))
                  .endHttpGet()
                  .withPeriodSeconds(10).withTimeoutSeconds(5)
                .endReadinessProbe()
                .withNewLivenessProbe()
                  .withNewHttpGet().withPath("/minio/health/live").withPort(new IntOrString(MilvusConfig.MINIO_PORT))
                  .endHttpGet()
                  .withPeriodSeconds(30).withTimeoutSeconds(5)
                .endLivenessProbe()
                .withResources(values.resources())
                .addNewVolumeMount().withName("export").withMountPath("/export").endVolumeMount()
              .endContainer()
            .endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("export").withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withStorageClassName(values.storageClass())
              .withNewResources().withRequests(Map.of("storage", new Quantity(values.persistenceSize("20Gi"))))
              .endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private static Service service(RenderContext ctx) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(Names.minio(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withSelector(Labels.selector(ctx.name(), COMPONENT))
          .addNewPort().withName("api").withPort(MilvusConfig.MINIO_PORT).withTargetPort(new IntOrString("api"))
          .endPort()
        .endSpec()
        .build();
  }
}
