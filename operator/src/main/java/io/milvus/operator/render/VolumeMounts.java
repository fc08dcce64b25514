package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The Milvus container's mounts, merged as upstream does: the operator's, then the global {@code volumeMounts}, then
 * the component's; a later mount at the same path replaces an earlier one, and a mount named {@value #REMOVE} takes
 * away whatever is mounted at its path before it (upstream's way to drop a default mount).
 */
final class VolumeMounts {

  static final String REMOVE = "_remove";

  private VolumeMounts() {}

  /**
   * @param required mounts Milvus cannot run without, kept whatever the user writes
   * @param removable the operator's other mounts, which a user's mount may replace or remove
   */
  static List<VolumeMount> of(List<VolumeMount> required, List<VolumeMount> removable, List<VolumeMount> global,
      List<VolumeMount> component) {
    List<VolumeMount> mounts = new ArrayList<>(removable);
    for (List<VolumeMount> given : List.of(nullToEmpty(global), nullToEmpty(component))) {
      for (VolumeMount mount : given) {
        mounts.removeIf(m -> m.getMountPath().equals(mount.getMountPath()));
        if (!REMOVE.equals(mount.getName())) {
          mounts.add(mount);
        }
      }
    }
    List<VolumeMount> result = new ArrayList<>(required);
    mounts.stream().filter(m -> required.stream().noneMatch(r -> r.getMountPath().equals(m.getMountPath())))
        .forEach(result::add);
    return result;
  }

  private static List<VolumeMount> nullToEmpty(List<VolumeMount> mounts) {
    return mounts == null ? List.of() : mounts;
  }
}
