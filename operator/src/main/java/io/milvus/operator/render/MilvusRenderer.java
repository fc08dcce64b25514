package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Pure: a Milvus (defaulted spec) and the image each component should run now → the objects it should have. */
public final class MilvusRenderer {

  public static final String USER_YAML = "user.yaml";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private MilvusRenderer() {}

  /** Every component on the spec's image. */
  public static DesiredState render(RenderContext ctx) {
    return render(ctx, c -> ctx.spec().getComponents().getImage());
  }

  /**
   * @param imageOf the image each component runs in this step of a rollout
   */
  public static DesiredState render(RenderContext ctx, Function<MilvusComponent, String> imageOf) {
    String userYaml = JSON.asYaml(MilvusConfig.render(ctx.name(), ctx.namespace(), ctx.spec()));
    String checksum = Hashes.sha256(userYaml);
    List<HasMetadata> dependencies = new ArrayList<>();
    if (!ctx.externalEtcd()) {
      dependencies.addAll(InClusterEtcd.render(ctx));
    }
    if (!ctx.externalStorage()) {
      dependencies.addAll(InClusterMinio.render(ctx));
    }
    Map<MilvusComponent, Deployment> deployments = new LinkedHashMap<>();
    for (MilvusComponent component : MilvusComponent.activeIn(ctx.spec())) {
      deployments.put(component,
          ComponentDeployment.render(ctx, component, imageOf.apply(component), checksum, strategy(ctx, component)));
    }
    return new DesiredState(
        configMap(ctx, userYaml), checksum, dependencies, BuiltInQueue.pvc(ctx), MilvusService.render(ctx), deployments);
  }

  /**
   * Two standalone pods cannot share the built-in queue's data, so standalone on rocksmq, natsmq or woodpecker is
   * replaced (Recreate); everything else rolls one surge pod at a time.
   */
  static DeploymentStrategy strategy(RenderContext ctx, MilvusComponent component) {
    if (component == MilvusComponent.STANDALONE && BuiltInQueue.isBuiltIn(ctx.spec().getDependencies().getMsgStreamType())) {
      return ComponentDeployment.recreate();
    }
    return ComponentDeployment.surgeOne();
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
