package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an upgrade needs to know about its Milvus, read from the cluster by the reconciler.
 *
 * @param image the image the Milvus spec asks for, defaults applied
 * @param runningVersion the version Milvus runs: its reported current version, else its spec's
 * @param specVersion the version its spec asks for ({@code components.version}, else the image tag)
 * @param replicas the replicas of each component the spec runs, defaults applied (what a stop records)
 * @param groupReplicas replicas of each deployment group, by component key and group name
 * @param externallyScaled deployment groups whose replicas are -1 (left to an autoscaler): an upgrade cannot restore
 *     them (components at -1 it can: it records and restores their live count)
 * @param scaledToZero every component and group of the spec is at 0 replicas
 * @param stillRunning Deployments of the Milvus that still have pods or have not caught up with a scale to 0
 * @param stoppedAt the annotation {@code milvus.io/stopped-at}, when present
 * @param allowsMigratedImage the annotations that let the Milvus take the target image after the migration are set
 * @param specRefusal why the Milvus reconciler refuses the Milvus's spec, if it does: it would not act on a stop
 * @param holdsAutoscaledReplicas an upgrade stopped components left to an autoscaler and has not given them back yet
 */
public record MilvusView(
    String namespace,
    String name,
    String image,
    Optional<MilvusVersion> runningVersion,
    Optional<MilvusVersion> specVersion,
    MilvusReplicas replicas,
    Map<String, Map<String, Integer>> groupReplicas,
    List<String> externallyScaled,
    boolean scaledToZero,
    List<String> stillRunning,
    Optional<String> stoppedAt,
    boolean allowsMigratedImage,
    Optional<String> specRefusal,
    MilvusHealth health,
    boolean holdsAutoscaledReplicas) {

  public MilvusView(String namespace, String name, String image, Optional<MilvusVersion> runningVersion,
      Optional<MilvusVersion> specVersion, MilvusReplicas replicas, Map<String, Map<String, Integer>> groupReplicas,
      List<String> externallyScaled, boolean scaledToZero, List<String> stillRunning, Optional<String> stoppedAt,
      boolean allowsMigratedImage, Optional<String> specRefusal, MilvusHealth health) {
    this(namespace, name, image, runningVersion, specVersion, replicas, groupReplicas, externallyScaled, scaledToZero,
        stillRunning, stoppedAt, allowsMigratedImage, specRefusal, health, false);
  }

  /** Something the upgrade lent itself on the Milvus is to be given back at its end. */
  public boolean holdsSomething() {
    return allowsMigratedImage || holdsAutoscaledReplicas;
  }

  public String displayName() {
    return namespace + "/" + name;
  }
}
