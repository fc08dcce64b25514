package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.List;
import java.util.Map;

/** Observed state of a Milvus. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusStatus extends ExtensibleObject {

  @JsonPropertyDescription("Overall state: Pending until Milvus is first ready, Healthy, Unhealthy (was healthy, is no longer), Stopped (all replicas 0) or Deleting.")
  private String status;

  @JsonPropertyDescription("The mode Milvus runs in: standalone or cluster.")
  private String mode;

  @JsonPropertyDescription("Readiness of each dependency (EtcdReady, StorageReady, MsgStreamReady) and of Milvus (MilvusReady, MilvusUpdated).")
  private List<MilvusCondition> conditions;

  @JsonPropertyDescription("Where clients connect: <name>-milvus.<namespace>:19530, or the load balancer's address.")
  private String endpoint;

  @JsonPropertyDescription("The status of the Milvus Ingress (its load balancer addresses).")
  @SchemaFrom(type = FreeFormObject.class)
  private IngressStatus ingress;

  @JsonPropertyDescription("Per component, its Deployment as last observed; used to follow rollouts.")
  private Map<String, ComponentDeployStatus> componentsDeployStatus;

  @JsonPropertyDescription("The blue/green rollout mode (rollingMode) the Deployments were created with.")
  private Integer rollingModeVersion;

  @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The image Milvus runs; it advances only once every component is ready and updated.")
  private String currentImage;

  @JsonPropertyDescription("The Milvus version Milvus runs; it advances with currentImage.")
  private String currentVersion;

  @JsonPropertyDescription("Fields of the spec this operator keeps but does not act on: unknown fields (typos, newer upstream fields) and features not supported yet.")
  private List<String> ignoredFields;

  @JsonPropertyDescription("Per component and deployment group, its Deployment as last observed.")
  private Map<String, Map<String, ComponentDeployStatus>> deploymentGroupsDeployStatus;

  @JsonPropertyDescription("While the operator walks several versions to the requested one: the hops and why it waits.")
  private UpgradePathStatus upgradePath;

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public List<MilvusCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<MilvusCondition> conditions) {
    this.conditions = conditions;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public IngressStatus getIngress() {
    return ingress;
  }

  public void setIngress(IngressStatus ingress) {
    this.ingress = ingress;
  }

  public Map<String, ComponentDeployStatus> getComponentsDeployStatus() {
    return componentsDeployStatus;
  }

  public void setComponentsDeployStatus(Map<String, ComponentDeployStatus> componentsDeployStatus) {
    this.componentsDeployStatus = componentsDeployStatus;
  }

  public Integer getRollingModeVersion() {
    return rollingModeVersion;
  }

  public void setRollingModeVersion(Integer rollingModeVersion) {
    this.rollingModeVersion = rollingModeVersion;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getCurrentImage() {
    return currentImage;
  }

  public void setCurrentImage(String currentImage) {
    this.currentImage = currentImage;
  }

  public String getCurrentVersion() {
    return currentVersion;
  }

  public void setCurrentVersion(String currentVersion) {
    this.currentVersion = currentVersion;
  }

  public List<String> getIgnoredFields() {
    return ignoredFields;
  }

  public void setIgnoredFields(List<String> ignoredFields) {
    this.ignoredFields = ignoredFields;
  }

  public Map<String, Map<String, ComponentDeployStatus>> getDeploymentGroupsDeployStatus() {
    return deploymentGroupsDeployStatus;
  }

  public void setDeploymentGroupsDeployStatus(Map<String, Map<String, ComponentDeployStatus>> deploymentGroupsDeployStatus) {
    this.deploymentGroupsDeployStatus = deploymentGroupsDeployStatus;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public UpgradePathStatus getUpgradePath() {
    return upgradePath;
  }

  public void setUpgradePath(UpgradePathStatus upgradePath) {
    this.upgradePath = upgradePath;
  }
}
