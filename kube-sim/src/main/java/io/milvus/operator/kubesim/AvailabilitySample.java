package io.milvus.operator.kubesim;

import java.time.Instant;

/**
 * One observation of a Deployment by the simulated controller, taken on every change of its pods.
 *
 * @param desired spec.replicas
 * @param replicas pods that exist and are not terminating, old and new
 * @param ready pods whose Ready condition is True
 * @param available pods ready for at least minReadySeconds
 * @param updated pods of the current template
 * @param image the first container image of the Deployment's current template
 */
public record AvailabilitySample(Instant time, int desired, int replicas, int ready, int available, int updated,
                                 String image) {
}
