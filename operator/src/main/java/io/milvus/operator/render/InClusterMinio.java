package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.milvus.operator.render.DependencyWorkloads.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * MinIO for one Milvus, StatefulSet {@code <cr>-minio} behind Service {@code <cr>-minio} (port 9000), in one of the
 * MinIO chart's two modes ({@code inCluster.values.mode}):
 * <ul>
 *   <li>{@code standalone} (the default): one server with one PVC;</li>
 *   <li>{@code distributed}: {@code zones} server pools of {@code replicas} servers with {@code drivesPerNode} PVCs
 *       each, found through the headless Service {@code <cr>-minio-svc}, each pool named to MinIO with the expansion
 *       notation ({@code http://<cr>-minio-{0...3}.<cr>-minio-svc.<ns>.svc.cluster.local/export}), and a
 *       PodDisruptionBudget letting one server go at a time.</li>
 * </ul>
 * The layout is fixed when MinIO is first created: MinIO cannot change a server pool's servers or drives, so a running
 * MinIO keeps its mode and counts ({@link RunningShapes}).
 */
public final class InClusterMinio {

  static final String COMPONENT = "minio";
  static final String REPOSITORY = "minio/minio";
  static final String TAG = "RELEASE.2024-12-18T13-15-44Z";
  static final String STANDALONE = "standalone";
  static final String DISTRIBUTED = "distributed";
  private static final String EXPORT = "/export";
  private static final Port API = new Port("api", MilvusConfig.MINIO_PORT);

  /**
   * The MinIO chart's layout values.
   *
   * @param replicas servers per pool (distributed only; the chart's default is 4)
   * @param drivesPerNode PVCs per server
   * @param zones server pools
   */
  public record Layout(boolean distributed, int replicas, int drivesPerNode, int zones) {

    static final Layout STANDALONE_LAYOUT = new Layout(false, 1, 1, 1);

    static Layout of(DependencyValues values) {
      if (!DISTRIBUTED.equals(values.values().get("mode"))) {
        return STANDALONE_LAYOUT;
      }
      return new Layout(true, count(values, "replicas", 4), count(values, "drivesPerNode", 1),
          count(values, "zones", 1));
    }

    /** Every server of every pool: the StatefulSet's replicas. */
    public int servers() {
      return replicas * zones;
    }

    /** The data volumes of each server: {@code export} alone, or {@code export-0} ... as the chart names them. */
    List<String> drives() {
      return drivesPerNode == 1 ? List.of("export")
          : IntStream.range(0, drivesPerNode).mapToObj(i -> "export-" + i).toList();
    }

    String describe() {
      return distributed ? "distributed, " + zones + " pool(s) of " + replicas + " server(s) with " + drivesPerNode
          + " drive(s) each" : "standalone, one server";
    }

    private static int count(DependencyValues values, String key, int fallback) {
      return values.values().get(key) instanceof Number n ? n.intValue() : fallback;
    }
  }

  private InClusterMinio() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    DependencyValues values = values(ctx);
    Layout layout = Layout.of(values);
    if (!layout.distributed()) {
      return List.of(
          DependencyWorkloads.service(ctx, COMPONENT, Names.minio(ctx.name()), false, API),
          DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.minio(ctx.name()), Names.minio(ctx.name()), 1, null,
              container(ctx, values, List.of("server", EXPORT, "--console-address", ":9001"), layout), "export",
              values, "20Gi"));
    }
    List<PersistentVolumeClaim> claims = layout.drives().stream()
        .map(drive -> DependencyWorkloads.claim(ctx, COMPONENT, drive, values.storageClass(),
            values.persistenceSize("20Gi")))
        .toList();
    List<String> args = new ArrayList<>(List.of("server"));
    args.addAll(pools(ctx, layout));
    args.addAll(List.of("--console-address", ":9001"));
    return List.of(
        DependencyWorkloads.service(ctx, COMPONENT, Names.minioHeadless(ctx.name()), true, API),
        DependencyWorkloads.service(ctx, COMPONENT, Names.minio(ctx.name()), false, API),
        DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.minio(ctx.name()), Names.minioHeadless(ctx.name()),
            layout.servers(), "Parallel",
            new PodSpecBuilder().withContainers(container(ctx, values, args, layout)).build(), claims),
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
              .withName(Names.minio(ctx.name())).withNamespace(ctx.namespace())
              .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
            .endMetadata()
            .withNewSpec()
              .withMaxUnavailable(new IntOrString(1))
              .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), COMPONENT)).endSelector()
            .endSpec()
            .build());
  }

  /** The layout asked for by the values. */
  public static Layout layout(RenderContext ctx) {
    return Layout.of(values(ctx));
  }

  /** The layout a running MinIO StatefulSet has, read from its servers and volumes. */
  public static Layout layout(StatefulSet running) {
    List<String> args = running.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    long pools = args == null ? 0 : args.stream().filter(a -> a.startsWith("http")).count();
    if (pools == 0) {
      return Layout.STANDALONE_LAYOUT;
    }
    int servers = running.getSpec().getReplicas() == null ? 1 : running.getSpec().getReplicas();
    int drives = running.getSpec().getVolumeClaimTemplates() == null ? 1
        : running.getSpec().getVolumeClaimTemplates().size();
    return new Layout(true, servers / (int) pools, Math.max(1, drives), (int) pools);
  }

  private static DependencyValues values(RenderContext ctx) {
    return DependencyValues.of(ctx.spec().getDependencies().getStorage().getInCluster());
  }

  /** One argument per pool: its servers' stable names and their drives, in MinIO's expansion notation. */
  private static List<String> pools(RenderContext ctx, Layout layout) {
    String domain = Names.minioHeadless(ctx.name()) + "." + ctx.namespace() + ".svc.cluster.local";
    String drives = layout.drivesPerNode() == 1 ? EXPORT : EXPORT + "-{0..." + (layout.drivesPerNode() - 1) + "}";
    return IntStream.range(0, layout.zones())
        .mapToObj(zone -> "http://" + Names.minio(ctx.name()) + "-{" + zone * layout.replicas() + "..."
            + ((zone + 1) * layout.replicas() - 1) + "}." + domain + ":" + API.number() + drives)
        .collect(Collectors.toList());
  }

  private static Container container(RenderContext ctx, DependencyValues values, List<String> args, Layout layout) {
    String secret = Names.minioSecret(ctx.name());
    List<VolumeMount> mounts = layout.drives().stream()
        .map(drive -> new VolumeMountBuilder().withName(drive).withMountPath("/" + drive).build())
        .toList();
    return new ContainerBuilder()
        .withName("minio")
        .withImage(values.image(REPOSITORY, TAG))
        .withArgs(args)
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
        .withVolumeMounts(mounts)
        .build();
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }
}
