package io.milvus.operator.render;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: a Milvus (defaulted spec) and the image each component should run now → the objects it should have. */
public final class MilvusRenderer {

  public static final String USER_YAML = "user.yaml";
  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private MilvusRenderer() {}

  /**
   * @param force {@code imageUpdateMode: force}: pods replaced all at once
   * @param progressDeadlineSeconds how long a Deployment may make no progress before Kubernetes reports it stalled
   */
  public record Options(boolean force, int progressDeadlineSeconds) {
    public static final Options DEFAULT = new Options(false, 600);
  }

  /** Every active component on the spec's revision. */
  public static DesiredState render(RenderContext ctx) {
    Map<MilvusComponent, PodRevision> revisions = new EnumMap<>(MilvusComponent.class);
    MilvusComponent.activeIn(ctx.spec()).forEach(c -> revisions.put(c, targetRevision(ctx, c)));
    return render(ctx, revisions, Options.DEFAULT);
  }

  /**
   * The pods the spec asks for: its image, the config's checksum when a config change must restart pods
   * ({@code updateConfigMapOnly: false}; Milvus reloads user.yaml by itself otherwise), and the digest of the user's
   * Secrets they read at start (always: environment variables are not reloaded).
   */
  public static PodRevision targetRevision(RenderContext ctx) {
    boolean restartOnConfig = !Boolean.TRUE.equals(ctx.spec().getComponents().getUpdateConfigMapOnly());
    return new PodRevision(ctx.spec().getComponents().getImage(),
        restartOnConfig ? Hashes.sha256(userYaml(ctx)) : null, null, ctx.cluster().milvusSecrets());
  }

  /** The pods the spec asks for this component: {@link #targetRevision(RenderContext)} on its own image. */
  public static PodRevision targetRevision(RenderContext ctx, MilvusComponent component) {
    return targetRevision(ctx).withImage(component.imageIn(ctx.spec().getComponents()));
  }

  /**
   * @param revisionOf the components to run in this step of a rollout, and the pod revision of each
   */
  public static DesiredState render(RenderContext ctx, Map<MilvusComponent, PodRevision> revisionOf,
      Options options) {
    Map<String, Object> config = MilvusConfig.render(ctx);
    String userYaml = JSON.asYaml(config);
    String checksum = Hashes.sha256(userYaml);
    List<HasMetadata> dependencies = new ArrayList<>();
    var deps = ctx.spec().getDependencies();
    if (!ctx.externalEtcd()) {
      dependencies.addAll(InClusterDependency.owned(deps.getEtcd().getInCluster(), InClusterEtcd.render(ctx)));
    }
    if (!ctx.externalStorage()) {
      dependencies.addAll(InClusterDependency.owned(deps.getStorage().getInCluster(), InClusterMinio.render(ctx)));
    }
    if (ctx.inClusterKafka()) {
      dependencies.addAll(InClusterDependency.owned(deps.getKafka().getInCluster(), InClusterKafka.render(ctx)));
    }
    if (ctx.inClusterPulsar()) {
      dependencies.addAll(InClusterDependency.owned(deps.getPulsar().getInCluster(), InClusterPulsar.render(ctx)));
    }
    Map<MilvusComponent, Deployment> deployments = new LinkedHashMap<>();
    revisionOf.forEach((component, revision) -> deployments.put(component, ComponentDeployment.render(ctx, component,
        revision, DeploymentStrategies.forComponent(ctx, component, config, options.force()),
        options.progressDeadlineSeconds())));
    return new DesiredState(
        configMap(ctx, userYaml), checksum, dependencies, BuiltInQueue.pvc(ctx), MilvusService.render(ctx), deployments,
        ClientIngress.render(ctx), MilvusPodMonitor.render(ctx));
  }

  private static String userYaml(RenderContext ctx) {
    return JSON.asYaml(MilvusConfig.render(ctx));
  }

  private static ConfigMap configMap(RenderContext ctx, String userYaml) {
    return new ConfigMapBuilder()
        .withNewMetadata()
          .withName(Names.configMap(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.instance(ctx.name())).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withData(Map.of(USER_YAML, userYaml))
        .build();
  }
}
