package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.DeploymentGroup;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure edits of a Milvus resource (applied to the freshly read object, then patched): stop, mark stopped, start,
 * release. Only replicas, the image (and version) and the upgrade's annotations are touched.
 */
public final class MilvusEdits {

  /** Upstream's mark of when all pods were gone: the etcd session wait counts from it. */
  public static final String STOPPED_AT = MilvusAnnotations.STOPPED_AT;
  /**
   * Set, with {@link MilvusReconciler#ALLOW_UNSAFE_UPGRADE}, by the upgrade that let the Milvus take the target image
   * across the 2.2 metadata layout (which the Milvus reconciler refuses for a plain image change): the metadata has
   * been migrated. Both are removed once Milvus runs the target, or on rollback.
   */
  public static final String ALLOWED_BY = MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY;
  public static final String AUTOSCALED = MilvusAnnotations.AUTOSCALED_BEFORE_UPGRADE;

  private MilvusEdits() {}

  /**
   * Every component and group at 0 replicas; those the record names are written even if the spec left them out.
   * Components left to an autoscaler (-1) are named in {@link #AUTOSCALED} to be given back at the end.
   */
  public static Milvus stop(Milvus milvus, MilvusReplicas recorded) {
    MilvusComponents components = components(milvus);
    boolean wasRunning = false;
    List<String> autoscaled = new ArrayList<>();
    for (ComponentReplicas c : ComponentReplicas.values()) {
      Component spec = c.recordedIn(recorded) != null ? c.specCreatedIn(components) : c.specIn(components);
      if (spec == null) {
        continue;
      }
      if (spec.getReplicas() != null && spec.getReplicas() < 0) {
        autoscaled.add(c.key());
      }
      wasRunning |= !Integer.valueOf(0).equals(spec.getReplicas());
      spec.setReplicas(0);
      for (DeploymentGroup group : ComponentReplicas.groupsOf(spec)) {
        wasRunning |= !Integer.valueOf(0).equals(group.getReplicas());
        group.setReplicas(0);
      }
    }
    if (wasRunning) {
      // Pods that ran until now hold fresh etcd sessions: an older mark no longer tells when they expire.
      annotations(milvus).remove(STOPPED_AT);
    }
    if (!autoscaled.isEmpty()) {
      annotations(milvus).putIfAbsent(AUTOSCALED, String.join(",", autoscaled));
    }
    return milvus;
  }

  /** The first mark counts: a second decision on a stale copy must not restart the wait. */
  public static Milvus markStopped(Milvus milvus, Instant at) {
    annotations(milvus).putIfAbsent(STOPPED_AT, at.toString());
    return milvus;
  }

  /**
   * @param upgrade the name of the upgrade, written into {@link #ALLOWED_BY}
   */
  public static Milvus start(Milvus milvus, UpgradeAction.StartMilvus start, String upgrade) {
    MilvusComponents components = components(milvus);
    components.setImage(start.image());
    if (components.getVersion() != null && !components.getVersion().isBlank()) {
      components.setVersion(start.version());
    }
    for (ComponentReplicas c : ComponentReplicas.values()) {
      Integer n = c.recordedIn(start.replicas());
      if (n != null) {
        c.specCreatedIn(components).setReplicas(n);
      }
      Map<String, Integer> ofGroups = start.groups() == null ? null : start.groups().get(c.key());
      Component spec = c.specIn(components);
      if (ofGroups != null && spec != null) {
        for (DeploymentGroup group : ComponentReplicas.groupsOf(spec)) {
          group.setReplicas(ofGroups.getOrDefault(group.getName(), group.getReplicas()));
        }
      }
    }
    Map<String, String> annotations = annotations(milvus);
    annotations.remove(STOPPED_AT);
    if (start.allowMigratedImage()) {
      if (!annotations.containsKey(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE)) {
        annotations.put(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE, "true");
        annotations.put(ALLOWED_BY, upgrade);
      }
    } else {
      releasePermission(milvus);
    }
    return milvus;
  }

  /**
   * At the end of an upgrade: removes the permission this operator added (one the user set is theirs and stays), and
   * gives the replica counts of the components named in {@link #AUTOSCALED} back to their autoscaler (-1).
   */
  public static Milvus release(Milvus milvus) {
    releasePermission(milvus);
    String autoscaled = annotations(milvus).remove(AUTOSCALED);
    if (autoscaled != null) {
      MilvusComponents components = components(milvus);
      for (ComponentReplicas c : ComponentReplicas.values()) {
        if (List.of(autoscaled.split(",")).contains(c.key())) {
          c.specCreatedIn(components).setReplicas(-1);
        }
      }
    }
    return milvus;
  }

  private static void releasePermission(Milvus milvus) {
    Map<String, String> annotations = annotations(milvus);
    if (annotations.remove(ALLOWED_BY) != null) {
      annotations.remove(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE);
    }
  }

  private static MilvusComponents components(Milvus milvus) {
    MilvusSpec spec = milvus.getSpec();
    if (spec.getComponents() == null) {
      spec.setComponents(new MilvusComponents());
    }
    return spec.getComponents();
  }

  private static Map<String, String> annotations(Milvus milvus) {
    if (milvus.getMetadata().getAnnotations() == null) {
      milvus.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    return milvus.getMetadata().getAnnotations();
  }
}
