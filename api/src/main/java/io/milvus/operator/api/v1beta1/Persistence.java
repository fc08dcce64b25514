package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a built-in message queue keeps its data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Persistence extends ExtensibleObject {

  @JsonPropertyDescription("Keep the queue's data on a PVC (default true): <name>-data, 5Gi, ReadWriteOnce, mounted at /var/lib/milvus. When false the data lives in an emptyDir and is lost with the pod.")
  private Boolean enabled;

  @JsonPropertyDescription("Delete the PVC, and so the queue's data, when the Milvus is deleted (default false).")
  private Boolean pvcDeletion;

  @JsonPropertyDescription("The PVC to create, or an existing one to use.")
  private PersistentVolumeClaimConfig persistentVolumeClaim;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Boolean getPvcDeletion() {
    return pvcDeletion;
  }

  public void setPvcDeletion(Boolean pvcDeletion) {
    this.pvcDeletion = pvcDeletion;
  }

  public PersistentVolumeClaimConfig getPersistentVolumeClaim() {
    return persistentVolumeClaim;
  }

  public void setPersistentVolumeClaim(PersistentVolumeClaimConfig persistentVolumeClaim) {
    this.persistentVolumeClaim = persistentVolumeClaim;
  }
}
