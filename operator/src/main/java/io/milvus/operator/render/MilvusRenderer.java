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

  /**
   * The user.yaml of a Milvus, rendered once per reconcile: the pod revision (its checksum, when a config change
   * restarts pods) and the objects (the ConfigMap, the coordinators' strategy) all read this one rendering.
   *
   * @param values the configuration as a tree
   * @param yaml the configuration as written into the ConfigMap
   */
  public record UserConfig(Map<String, Object> values, String yaml, String checksum) {

    public static UserConfig of(RenderContext ctx) {
      Map<String, Object> values = MilvusConfig.render(ctx);
      String yaml = JSON.asYaml(values);
      return new UserConfig(values, yaml, Hashes.sha256(yaml));
    }
  }

  /** Every active component on the spec's revision. */
  public static DesiredState render(RenderContext ctx) {
    UserConfig config = UserConfig.of(ctx);
    Map<MilvusComponent, PodRevision> revisions = new EnumMap<>(MilvusComponent.class);
    PodRevision target = targetRevision(ctx, config);
    MilvusComponent.activeIn(ctx.spec()).forEach(c -> revisions.put(c,
        target.withImage(c.imageIn(ctx.spec().getComponents()))));
    return render(ctx, config, revisions, Options.DEFAULT);
  }

  /**
   * The pods the spec asks for: its image, the config's checksum when a config change must restart pods
   * ({@code updateConfigMapOnly: false}; Milvus reloads user.yaml by itself otherwise), and the digest of the user's
   * Secrets they read at start (always: environment variables are not reloaded).
   */
  public static PodRevision targetRevision(RenderContext ctx, UserConfig config) {
    boolean restartOnConfig = !Boolean.TRUE.equals(ctx.spec().getComponents().getUpdateConfigMapOnly());
    return new PodRevision(ctx.spec().getComponents().getImage(), restartOnConfig ? config.checksum() : null, null,
        ctx.cluster().milvusSecrets());
  }

  /** {@link #targetRevision(RenderContext, UserConfig)} rendering the config for it alone. */
  public static PodRevision targetRevision(RenderContext ctx) {
    return targetRevision(ctx, UserConfig.of(ctx));
  }

  /**
   * @param revisionOf the components to run in this step of a rollout, and the pod revision of each
   */
  public static DesiredState render(RenderContext ctx, Map<MilvusComponent, PodRevision> revisionOf,
      Options options) {
    return render(ctx, UserConfig.of(ctx), revisionOf, options);
  }

  /**
   * @param config this reconcile's rendering of user.yaml
   * @param revisionOf the components to run in this step of a rollout, and the pod revision of each
   */
  public static DesiredState render(RenderContext ctx, UserConfig config, Map<MilvusComponent, PodRevision> revisionOf,
      Options options) {
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
        revision, DeploymentStrategies.forComponent(ctx, component, config.values(), options.force()),
        options.progressDeadlineSeconds())));
    return new DesiredState(
        configMap(ctx, config.yaml()), config.checksum(), dependencies, BuiltInQueue.pvc(ctx), MilvusService.render(ctx), deployments,
        ClientIngress.render(ctx), MilvusPodMonitor.render(ctx));
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
