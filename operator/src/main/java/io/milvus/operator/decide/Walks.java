package io.milvus.operator.decide;

import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.rollout.PathPolicy;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.rollout.UpgradeWalk;
import java.util.Map;
import java.util.Optional;

/** Pure: the defaults of a running Milvus and the walk towards its requested image (rollout/UpgradeWalk). */
final class Walks {

  private Walks() {}

  /**
   * The operator's defaults, except that a running Milvus keeps what it runs where its spec names nothing: its image
   * (an operator upgrade with a newer default image must not upgrade databases behind their users' backs) and its
   * message queue (the default queue of the target's release line applies to new Milvus only).
   */
  static OperatorDefaults defaultsFor(Milvus milvus, OperatorDefaults operator, RunningMilvus running) {
    String image = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    return image == null ? operator : operator.keeping(image, running.queue().orElse(null));
  }

  /**
   * Why the annotation {@code milvus.io/upgrade-path} cannot be acted on, if it cannot; ignored (as the walk ignores
   * the annotation) while a MilvusUpgrade drives the Milvus.
   */
  static Optional<String> pathPolicyProblem(Milvus milvus) {
    Map<String, String> annotations = annotations(milvus);
    return annotations.containsKey(MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY) ? Optional.empty()
        : PathPolicy.problem(MilvusAnnotations.UPGRADE_PATH, annotations.get(MilvusAnnotations.UPGRADE_PATH));
  }

  /** The walk of a Milvus whose annotations {@link #pathPolicyProblem} found nothing wrong with. */
  static UpgradeWalk walk(Milvus milvus, OperatorDefaults defaults, UpgradePaths rules, RunningMilvus running) {
    MilvusComponents requested = milvus.getSpec() == null ? null : milvus.getSpec().getComponents();
    String image = requested == null || requested.getImage() == null || requested.getImage().isBlank()
        ? defaults.milvusImage() : requested.getImage();
    String version = requested == null ? null : requested.getVersion();
    String current = milvus.getStatus() == null ? null : milvus.getStatus().getCurrentImage();
    Map<String, String> annotations = annotations(milvus);
    return UpgradeWalk.of(rules, new UpgradeWalk.Input(image, version, current,
        PathPolicy.of(annotations.get(MilvusAnnotations.UPGRADE_PATH)).orElse(PathPolicy.DEFAULT),
        "true".equals(annotations.get(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE)),
        annotations.containsKey(MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY), running.separateCoordinators(),
        running.walkingImages(requested)));
  }

  private static Map<String, String> annotations(Milvus milvus) {
    return milvus.getMetadata().getAnnotations() == null ? Map.of() : milvus.getMetadata().getAnnotations();
  }
}
