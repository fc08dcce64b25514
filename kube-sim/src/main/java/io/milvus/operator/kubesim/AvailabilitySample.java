package io.milvus.operator.kubesim;

import java.time.Instant;

/**
 * One observation of a Deployment by the simulated controller, taken on every change of its pods.
 *
 * @param desired spec.replicas
 * @param image the first container image of the Deployment's current template
 */
public record AvailabilitySample(Instant time, int desired, int ready, int available, int updated, String image) {
}
