package io.milvus.operator.decide;

import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.rollout.UpgradePaths;
import java.time.Duration;

/**
 * What a Milvus's decision takes from the operator's settings.
 *
 * @param defaults the image and values a Milvus gets when its spec names none
 * @param upgradePaths the version jumps Milvus supports
 * @param rolloutDeadline how long a component may make no rollout progress before the rollout is reported stalled
 * @param externalRecheck how often Secrets the in-cluster dependencies mount (not watched) are looked for again
 */
public record MilvusInputs(OperatorDefaults defaults, UpgradePaths upgradePaths, Duration rolloutDeadline,
    Duration externalRecheck) {}
