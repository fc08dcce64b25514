package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/** Pure: a PVC's storage request only grows (Kubernetes cannot shrink a volume, and asking to would lose data). */
public final class ClaimRequest {

  private ClaimRequest() {}

  /** The desired request when it is larger than the live claim's; empty when the claim is as large or larger. */
  public static Optional<Quantity> growth(PersistentVolumeClaim desired, PersistentVolumeClaim live) {
    Optional<Quantity> wanted = storage(desired);
    Optional<Quantity> has = storage(live);
    if (wanted.isEmpty() || has.isEmpty()) {
      return Optional.empty();
    }
    return Quantity.getAmountInBytes(wanted.get()).compareTo(Quantity.getAmountInBytes(has.get())) > 0 ? wanted
        : Optional.empty();
  }

  private static Optional<Quantity> storage(PersistentVolumeClaim claim) {
    if (claim.getSpec() == null || claim.getSpec().getResources() == null
        || claim.getSpec().getResources().getRequests() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(claim.getSpec().getResources().getRequests().get("storage"));
  }
}
