package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Observed state of a MilvusUpgrade. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusUpgradeStatus extends ExtensibleObject {

  private String state;

  private List<Condition> conditions;

  private String sourceImage;

  private Boolean metaStorageChanged;

  private Boolean metaBackuped;

  private Boolean isRollbacking;

  @JsonPropertyDescription("Replicas before the upgrade (key spelled as upstream).")
  private MilvusReplicas replicasBeforeUprade;

  private Map<String, Map<String, Integer>> deploymentGroupReplicasBeforeUpgrade;

  private String backupPVC;

  private Integer retriedTimes;

  private Long observedGeneration;

  @JsonPropertyDescription("When the current state was entered (RFC 3339); deadlines of a state count from it.")
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

  public Boolean getMetaBackuped() {
    return metaBackuped;
  }

  public void setMetaBackuped(Boolean metaBackuped) {
    this.metaBackuped = metaBackuped;
  }

  public Boolean getIsRollbacking() {
    return isRollbacking;
  }

  public void setIsRollbacking(Boolean isRollbacking) {
    this.isRollbacking = isRollbacking;
  }

  public MilvusReplicas getReplicasBeforeUprade() {
    return replicasBeforeUprade;
  }

  public void setReplicasBeforeUprade(MilvusReplicas replicasBeforeUprade) {
    this.replicasBeforeUprade = replicasBeforeUprade;
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
