package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.MilvusPodMonitor;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure: objects a Milvus has only while its spec asks for them (the Ingress of {@code ingress}, the PodMonitor of
 * metrics). Asked for, one is applied; no longer asked for, the one this Milvus controls is deleted. An object of the
 * same name that this Milvus does not control (no controller owner reference to it: a user's own) is never written
 * nor deleted, and the user is told why theirs stays as it is.
 */
final class OptionalObjects {

  static final String REASON_NOT_OURS = "NotOwned";

  private OptionalObjects() {}

  /** The write to make, if any, and what to tell the user about an object that is not this Milvus's. */
  record Decision(Optional<Write> write, Optional<Announcement> notice) {}

  /**
   * @param desired the object the spec asks for, if it does
   * @param live the object of that name as found, if any
   */
  static Decision decide(Milvus milvus, Optional<? extends HasMetadata> desired, Optional<? extends HasMetadata> live,
      boolean madeBefore) {
    if (live.isPresent() && !controlledBy(live.get(), milvus)) {
      HasMetadata found = live.get();
      String what = found.getKind() + " " + found.getMetadata().getName();
      String message = desired.isPresent()
          ? what + " exists and is not this Milvus's (it has no controller owner reference to it): left as it is and"
              + " not made; delete or rename it for the operator to make its own"
          : what + " is not this Milvus's (it has no controller owner reference to it): left as it is although "
              + whyRemoved(found);
      return new Decision(Optional.empty(), Optional.of(new Announcement(true, REASON_NOT_OURS, message)));
    }
    if (desired.isPresent()) {
      return new Decision(Optional.of(Write.of(Write.Kind.APPLY, desired.get(), live, madeBefore)), Optional.empty());
    }
    return new Decision(live.map(Write::remove), Optional.empty());
  }

  /** Why the spec no longer asks for such an object, for the Event that tells its removal. */
  static String whyRemoved(HasMetadata object) {
    return switch (object.getKind()) {
      case "Ingress" -> "the spec no longer has an ingress";
      case MilvusPodMonitor.KIND -> "metrics are off (spec.components.disableMetric)";
      default -> "the spec no longer asks for it";
    };
  }

  /** Whether the object's controller is this Milvus (the same uid: a Milvus of the same name made later is another). */
  static boolean controlledBy(HasMetadata object, Milvus milvus) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
        && "Milvus".equals(o.getKind()) && Objects.equals(o.getUid(), milvus.getMetadata().getUid()));
  }
}
