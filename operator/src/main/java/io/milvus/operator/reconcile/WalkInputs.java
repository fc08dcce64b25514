package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RunningQueue;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.rollout.UpgradeWalk;
import java.util.Map;
import java.util.stream.Stream;

/** Gathers what the pure walk ({@link UpgradeWalk}) and the defaults of a running Milvus need from the cluster. */
final class WalkInputs {

  private WalkInputs() {}

  /**
   * The operator's defaults, except that a running Milvus keeps what it runs where its spec names nothing: its image
   * (an operator upgrade with a newer default image must not upgrade databases behind their users' backs) and its
   * message queue (the default queue of the target's release line applies to new Milvus only).
   */
  static OperatorDefaults defaultsFor(Milvus milvus, OperatorDefaults operator, Context<Milvus> context) {
    String running = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    if (running == null) {
      return operator;
    }
    String queue = context == null ? null : Secondaries.named(context, ConfigMap.class, milvus.getMetadata().getName())
        .flatMap(RunningQueue::of).orElse(null);
    return operator.keeping(running, queue);
  }

  static UpgradeWalk walk(Milvus milvus, OperatorDefaults defaults, UpgradePaths rules, Context<Milvus> context) {
    MilvusComponents requested = milvus.getSpec() == null ? null : milvus.getSpec().getComponents();
    String image = requested == null || requested.getImage() == null || requested.getImage().isBlank()
        ? defaults.milvusImage() : requested.getImage();
    String version = requested == null ? null : requested.getVersion();
    String running = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    Map<String, String> annotations = milvus.getMetadata().getAnnotations() == null ? Map.of()
        : milvus.getMetadata().getAnnotations();
    boolean separateCoordinators = Stream.of(MilvusComponent.ROOT_COORD, MilvusComponent.DATA_COORD,
            MilvusComponent.QUERY_COORD, MilvusComponent.INDEX_COORD)
        .anyMatch(c -> Secondaries.named(context, Deployment.class, Names.deployment(milvus.getMetadata().getName(), c))
            .isPresent());
    return UpgradeWalk.of(rules, new UpgradeWalk.Input(image, version, running,
        annotations.get(MilvusAnnotations.UPGRADE_PATH),
        "true".equals(annotations.get(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE)),
        annotations.containsKey(MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY), separateCoordinators));
  }
}
