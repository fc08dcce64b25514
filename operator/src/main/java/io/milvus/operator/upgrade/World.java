package io.milvus.operator.upgrade;

import java.time.Instant;
import java.util.Map;

/**
 * Everything an upgrade's next step depends on besides its own spec and status.
 *
 * @param milvus the Milvus being upgraded
 * @param jobs the upgrade's tool Jobs that exist, by name
 * @param now the time of the observation
 */
public record World(MilvusView milvus, Map<String, TaskRun> jobs, Instant now) {}
