package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Observed state of a MilvusUpgrade. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusUpgradeStatus extends ExtensibleObject {

  @JsonPropertyDescription("Where the migration is: OldVersionStopping, BackupMeta, UpdatingMeta, NewVersionStarting, Succeeded, or a failure or rollback state (BakupMetaFailed, UpdateMetaFailed, RollbackNewVersionStopping, RollbackRestoringOldMeta, RollbackOldVersionStarting, RollbackedSucceeded, RollbackFailed).")
  private String state;

  @JsonPropertyDescription("Upgraded or Rollbacked, with the reason when the migration stopped.")
  private List<Condition> conditions;

  @JsonPropertyDescription("The image Milvus ran before the migration; a rollback starts it again.")
  private String sourceImage;

  @JsonPropertyDescription("Whether the metadata in etcd has been changed by the migration; a rollback then restores the backup.")
  private Boolean metaStorageChanged;

  @JsonPropertyDescription("Whether the metadata backup is complete.")
  // the wire keeps upstream's spelling
  @JsonProperty("metaBackuped")
  private Boolean metaBackedUp;

  @JsonPropertyDescription("Whether the migration is rolling back.")
  private Boolean isRollbacking;

  @JsonPropertyDescription("Replicas of each component before Milvus was stopped; restored when it starts again. The key keeps upstream's spelling.")
  @JsonProperty("replicasBeforeUprade")
  private MilvusReplicas replicasBeforeUpgrade;

  @JsonPropertyDescription("Replicas of each deployment group (per component, per group) before Milvus was stopped; restored when it starts again.")
  private Map<String, Map<String, Integer>> deploymentGroupReplicasBeforeUpgrade;

  @JsonPropertyDescription("The PVC that holds the metadata backup.")
  private String backupPVC;

  @JsonPropertyDescription("How many times the current step has been retried.")
  private Integer retriedTimes;

  @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("When the current state was entered (RFC 3339); the state's deadlines count from it.")
  private String stateTransitionTime;

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getSourceImage() {
    return sourceImage;
  }

  public void setSourceImage(String sourceImage) {
    this.sourceImage = sourceImage;
  }

  public Boolean getMetaStorageChanged() {
    return metaStorageChanged;
  }

  public void setMetaStorageChanged(Boolean metaStorageChanged) {
    this.metaStorageChanged = metaStorageChanged;
  }

  public Boolean getMetaBackedUp() {
    return metaBackedUp;
  }

  public void setMetaBackedUp(Boolean metaBackedUp) {
    this.metaBackedUp = metaBackedUp;
  }

  public Boolean getIsRollbacking() {
    return isRollbacking;
  }

  public void setIsRollbacking(Boolean isRollbacking) {
    this.isRollbacking = isRollbacking;
  }

  public MilvusReplicas getReplicasBeforeUpgrade() {
    return replicasBeforeUpgrade;
  }

  public void setReplicasBeforeUpgrade(MilvusReplicas replicasBeforeUpgrade) {
    this.replicasBeforeUpgrade = replicasBeforeUpgrade;
  }

  public Map<String, Map<String, Integer>> getDeploymentGroupReplicasBeforeUpgrade() {
    return deploymentGroupReplicasBeforeUpgrade;
  }

  public void setDeploymentGroupReplicasBeforeUpgrade(Map<String, Map<String, Integer>> deploymentGroupReplicasBeforeUpgrade) {
    this.deploymentGroupReplicasBeforeUpgrade = deploymentGroupReplicasBeforeUpgrade;
  }

  public String getBackupPVC() {
    return backupPVC;
  }

  public void setBackupPVC(String backupPVC) {
    this.backupPVC = backupPVC;
  }

  public Integer getRetriedTimes() {
    return retriedTimes;
  }

  public void setRetriedTimes(Integer retriedTimes) {
    this.retriedTimes = retriedTimes;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getStateTransitionTime() {
    return stateTransitionTime;
  }

  public void setStateTransitionTime(String stateTransitionTime) {
    this.stateTransitionTime = stateTransitionTime;
  }
}
