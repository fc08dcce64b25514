package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;
import java.util.Map;

/**
 * How each component's Deployment replaces its pods, as upstream decides it: a coordinator may only run a second pod
 * beside the first when it is configured active-standby; everything else surges one pod at a time and never goes
 * below its replicas; {@code force} trades availability for speed.
 */
public final class DeploymentStrategies {

  private static final List<String> COORDINATOR_KEYS = List.of("rootCoord", "dataCoord", "indexCoord", "queryCoord");

  private DeploymentStrategies() {}

  /**
   * @param config the rendered user.yaml, which says whether coordinators run active-standby
   * @param force the user's {@code imageUpdateMode: force}
   */
  public static DeploymentStrategy forComponent(RenderContext ctx, MilvusComponent component, Map<String, Object> config,
      boolean force) {
    if (force) {
      return rolling(new IntOrString("100%"), new IntOrString("100%"));
    }
    return switch (component) {
      case STANDALONE -> BuiltInQueue.isBuiltIn(ctx.spec().getDependencies().getMsgStreamType())
          || !activeStandby(config, COORDINATOR_KEYS) ? recreate() : surgeOne();
      case MIX_COORD -> activeStandby(config, COORDINATOR_KEYS) ? surgeOne() : recreate();
      case ROOT_COORD -> activeStandby(config, List.of("rootCoord")) ? surgeOne() : recreate();
      case DATA_COORD -> activeStandby(config, List.of("dataCoord")) ? surgeOne() : recreate();
      case INDEX_COORD -> activeStandby(config, List.of("indexCoord")) ? surgeOne() : recreate();
      case QUERY_COORD -> activeStandby(config, List.of("queryCoord")) ? surgeOne() : recreate();
      default -> surgeOne();
    };
  }

  public static DeploymentStrategy recreate() {
    return new DeploymentStrategyBuilder().withType("Recreate").build();
  }

  /** One extra pod at a time and none taken away before its replacement is ready. */
  public static DeploymentStrategy surgeOne() {
    return rolling(new IntOrString(1), new IntOrString(0));
  }

  private static DeploymentStrategy rolling(IntOrString surge, IntOrString unavailable) {
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate().withMaxSurge(surge).withMaxUnavailable(unavailable).endRollingUpdate()
        .build();
  }

  private static boolean activeStandby(Map<String, Object> config, List<String> coordinators) {
    return coordinators.stream().allMatch(c -> Boolean.TRUE.equals(ConfigMaps.get(config, c + ".enableActiveStandby")));
  }
}
