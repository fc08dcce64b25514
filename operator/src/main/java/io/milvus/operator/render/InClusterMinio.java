package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.milvus.operator.render.DependencyWorkloads.Port;
import java.util.List;

/** A single-server MinIO for one Milvus: StatefulSet {@code <cr>-minio} with a PVC and Service {@code <cr>-minio}. */
public final class InClusterMinio {

  static final String COMPONENT = "minio";
  static final String REPOSITORY = "minio/minio";
  static final String TAG = "RELEASE.2024-12-18T13-15-44Z";
  private static final Port API = new Port("api", MilvusConfig.MINIO_PORT);

  private InClusterMinio() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getStorage().getInCluster());
    return List.of(
        DependencyWorkloads.service(ctx, COMPONENT, Names.minio(ctx.name()), false, API),
        DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.minio(ctx.name()), Names.minio(ctx.name()), 1, null,
            container(ctx, values), "export", values, "20Gi"));
  }

  private static Container container(RenderContext ctx, DependencyValues values) {
    String secret = Names.minioSecret(ctx.name());
    return new ContainerBuilder()
        .withName("minio")
        .withImage(values.image(REPOSITORY, TAG))
        .withArgs("server", "/export", "--console-address", ":9001")
        .withEnv(secretEnv("MINIO_ROOT_USER", secret, StorageSecret.ACCESS_KEY),
            secretEnv("MINIO_ROOT_PASSWORD", secret, StorageSecret.SECRET_KEY))
        .addNewPort().withName(API.name()).withContainerPort(API.number()).endPort()
        .withNewReadinessProbe()
          .withNewHttpGet().withPath("/minio/health/ready").withPort(new IntOrString(API.number())).endHttpGet()
          .withPeriodSeconds(10).withTimeoutSeconds(5)
        .endReadinessProbe()
        .withNewLivenessProbe()
          .withNewHttpGet().withPath("/minio/health/live").withPort(new IntOrString(API.number())).endHttpGet()
          .withPeriodSeconds(30).withTimeoutSeconds(5)
        .endLivenessProbe()
        .withResources(values.resources())
        .addNewVolumeMount().withName("export").withMountPath("/export").endVolumeMount()
        .build();
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }
}
