package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a built-in message queue keeps its data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Persistence extends ExtensibleObject {

  @JsonPropertyDescription("Keep the data on a PVC (default true); an emptyDir otherwise.")
  private Boolean enabled;

  @JsonPropertyDescription("Delete the PVC with the Milvus.")
  private Boolean pvcDeletion;

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
