package io.milvus.operator.upgrade;

import io.milvus.operator.api.v1beta1.MilvusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading {@code replicasBeforeUprade} and {@code deploymentGroupReplicasBeforeUpgrade} back, for messages. */
final class ReplicaRecords {

  private ReplicaRecords() {}

  /** "standalone=1" or "proxy=2, queryNode=3 (groups zone-a=1, zone-b=2)". */
  static String describe(MilvusReplicas replicas, Map<String, Map<String, Integer>> groups) {
    List<String> parts = new ArrayList<>();
    for (ComponentReplicas c : ComponentReplicas.values()) {
      Integer n = c.recordedIn(replicas);
      Map<String, Integer> ofGroups = groups == null ? null : groups.get(c.key());
      if (n == null && ofGroups == null) {
        continue;
      }
      String text = c.key() + "=" + (n == null ? 0 : n);
      if (ofGroups != null && !ofGroups.isEmpty()) {
        List<String> g = new ArrayList<>();
        ofGroups.forEach((group, count) -> g.add(group + "=" + count));
        text += " (groups " + String.join(", ", g) + ")";
      }
      parts.add(text);
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** Milvus had nothing running before the upgrade: there is no health to wait for once it is "started". */
  static boolean allZero(MilvusReplicas replicas, Map<String, Map<String, Integer>> groups) {
    for (ComponentReplicas c : ComponentReplicas.values()) {
      Integer n = c.recordedIn(replicas);
      if (n != null && n != 0) {
        return false;
      }
    }
    return groups == null || groups.values().stream().flatMap(g -> g.values().stream()).allMatch(n -> n == 0);
  }
}
