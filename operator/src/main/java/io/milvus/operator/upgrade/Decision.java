package io.milvus.operator.upgrade;

import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The next status of an upgrade and what to do to get there.
 *
 * @param status to be saved before any action is taken, so a restart resumes from it
 * @param actions in order
 * @param recheckAfter when to look again although nothing changed (a time-based wait), if at all
 */
public record Decision(MilvusUpgradeStatus status, List<UpgradeAction> actions, Optional<Duration> recheckAfter) {}
