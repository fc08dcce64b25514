package io.milvus.operator.render;

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
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private MilvusRenderer() {}

  /**
   * @param force {@code imageUpdateMode: force}: pods replaced all at once
   * @param progressDeadlineSeconds how long a Deployment may make no progress before Kubernetes reports it stalled
   */
  public record Options(boolean force, int progressDeadlineSeconds) {
    public static final Options DEFAULT = new Options(false, 600);
  }

  /** Every active component on the spec's image. */
  public static DesiredState render(RenderContext ctx) {
    Map<MilvusComponent, String> images = new EnumMap<>(MilvusComponent.class);
    MilvusComponent.activeIn(ctx.spec()).forEach(c -> images.put(c, ctx.spec().getComponents().getImage()));
    return render(ctx, images, Options.DEFAULT);
  }

  /**
   * @param imageOf the components to run in this step of a rollout, and the image of each
   */
  public static DesiredState render(RenderContext ctx, Map<MilvusComponent, String> imageOf, Options options) {
    Map<String, Object> config = MilvusConfig.render(ctx.name(), ctx.namespace(), ctx.spec());
    String userYaml = JSON.asYaml(config);
    String checksum = Hashes.sha256(userYaml);
    List<HasMetadata> dependencies = new ArrayList<>();
    if (!ctx.externalEtcd()) {
      dependencies.addAll(InClusterEtcd.render(ctx));
    }
    if (!ctx.externalStorage()) {
      dependencies.addAll(InClusterMinio.render(ctx));
    }
    Map<MilvusComponent, Deployment> deployments = new LinkedHashMap<>();
    imageOf.forEach((component, image) -> deployments.put(component, ComponentDeployment.render(ctx, component, image,
        checksum, DeploymentStrategies.forComponent(ctx, component, config, options.force()),
        options.progressDeadlineSeconds())));
    return new DesiredState(
        configMap(ctx, userYaml), checksum, dependencies, BuiltInQueue.pvc(ctx), MilvusService.render(ctx), deployments);
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
