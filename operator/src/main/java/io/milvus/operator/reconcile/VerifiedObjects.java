package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live objects last found matching their desired form, by uid: the version compared and the hash of the desired
 * form it was compared with. The same version of a live object compared with the same desired form gives the same
 * answer, so {@link ObjectApplier} skips the comparison (two conversions to JSON trees per object and reconcile, the
 * largest part of a reconcile that writes nothing). A new version or another desired form compares again.
 */
public final class VerifiedObjects {

  private record Verified(String resourceVersion, String desiredHash) {}

  private final Map<String, Verified> byUid = new ConcurrentHashMap<>();

  /** Whether this version of {@code live} was found matching the desired form of this hash. */
  boolean matches(HasMetadata live, String desiredHash) {
    Verified verified = byUid.get(uid(live));
    return verified != null && verified.equals(new Verified(live.getMetadata().getResourceVersion(), desiredHash));
  }

  void verified(HasMetadata live, String desiredHash) {
    if (live.getMetadata().getUid() != null && live.getMetadata().getResourceVersion() != null) {
      byUid.put(live.getMetadata().getUid(), new Verified(live.getMetadata().getResourceVersion(), desiredHash));
    }
  }

  /** The object is gone (deleted by the operator, or with its Milvus). */
  void forget(HasMetadata object) {
    byUid.remove(uid(object));
  }

  private static String uid(HasMetadata object) {
    return object.getMetadata().getUid() == null ? "" : object.getMetadata().getUid();
  }
}
