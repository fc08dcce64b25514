package io.milvus.operator.status;

import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.render.StorageSecret;
import java.util.Objects;
import io.milvus.operator.api.MilvusPhase;
import java.util.Set;

/**
 * Pure: whether a missing generated Secret or data PVC is to be created (a Milvus starting) or reported (one that
 * has run: its keys or its volume were deleted by hand, and a new one would lose data without a word).
 */
public final class MissingData {

  public static final String REASON_SECRET_MISSING = "StorageSecretMissing";
  public static final String REASON_DATA_VOLUME_MISSING = "DataVolumeMissing";

  private static final Set<String> HAS_RUN = Set.of(MilvusPhase.HEALTHY.wire(), MilvusPhase.UNHEALTHY.wire(),
      MilvusPhase.STOPPED.wire());

  private MissingData() {}

  /**
   * A Milvus whose objects were made for its current spec and that has run: anything generated for it that is gone
   * now was deleted, not yet to be made.
   */
  public static boolean wasMadeBefore(Milvus milvus) {
    MilvusStatus status = milvus.getStatus();
    return status != null && HAS_RUN.contains(status.getStatus())
        && Objects.equals(status.getObservedGeneration(), milvus.getMetadata().getGeneration());
  }

  public static String secretMessage(String secret) {
    return "Secret " + secret + " with the in-cluster MinIO's keys was deleted. It is not generated again: new keys"
        + " would not open the data MinIO stores under the old ones. Restore it from your backup (kubectl apply -f),"
        + " or, to accept new keys, create Secret " + secret + " with keys " + StorageSecret.ACCESS_KEY + " and "
        + StorageSecret.SECRET_KEY + " yourself";
  }

  public static String dataVolumeMessage(String claim) {
    return "PersistentVolumeClaim " + claim + " with the built-in message queue's data was deleted. It is not"
        + " created again empty: the messages it held would be lost without a word. Restore it under the same name"
        + " (from a volume snapshot or backup), or, to accept the loss, create an empty PersistentVolumeClaim " + claim
        + " yourself";
  }
}
