package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Code that plays the part of a Job's container, run in-process on a worker thread of the simulator.
 * Returns the container's exit code: 0 means success; a thrown exception counts as exit code 1.
 */
@FunctionalInterface
public interface JobRunner {
  int run(Job job) throws Exception;
}
