package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The Milvus components and the settings shared by all of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusComponents extends ComponentSpec {

  @JsonPropertyDescription("How the Service names its target ports: string (default, the container port's name) or integer (its number).")
  @ValidationRule(value = "self in ['string', 'integer']", message = "targetPortType must be string or integer")
  private String targetPortType;

  @JsonPropertyDescription("How an image change rolls out when enableRollingUpdate is true: rollingUpgrade (default) replaces components one at a time in upgrade order (a downgrade in the reverse order); rollingDowngrade always in the reverse order; all replaces every component at once; force is like all and also kills pods that are still terminating.")
  @ValidationRule(value = "self in ['rollingUpgrade', 'rollingDowngrade', 'all', 'force']", message = "imageUpdateMode must be rollingUpgrade, rollingDowngrade, all or force")
  private String imageUpdateMode;

  @JsonPropertyDescription("Replace components one at a time in dependency order when the image changes, so Milvus keeps serving (default true). A standalone Milvus on a built-in queue (rocksmq, natsmq, woodpecker) is replaced with a short downtime instead, since two pods cannot share the queue's volume.")
  private Boolean enableRollingUpdate;

  @JsonPropertyDescription("When true, no PodMonitor is created for the Milvus pods (default false).")
  private Boolean disableMetric;

  @JsonPropertyDescription("How often Prometheus scrapes the Milvus pods, a Prometheus duration such as 30s or 1m30s (the PodMonitor's interval; 30s when empty).")
  @Pattern(SchemaRules.PROMETHEUS_DURATION)
  private String metricInterval;

  @JsonPropertyDescription("Labels added to every scraped sample (PodMonitor relabelling).")
  private Map<String, String> metricLabels;

  @JsonPropertyDescription("The image of the init container that merges the operator's configuration into the Milvus image's milvus.yaml.")
  private String toolImage;

  @JsonPropertyDescription("With blue/green rollouts (rollingMode 2 or 3), the image the idle Deployment runs at 0 replicas.")
  private String dummyImage;

  @JsonPropertyDescription("When true, an operator upgrade that changes the tool image restarts Milvus to use it; otherwise the new tool image comes with the next pod template change (default false).")
  private Boolean updateToolImage;

  @JsonPropertyDescription("When true (default) a change of config only updates the ConfigMap, which Milvus reloads without restarting; when false, a config change restarts the pods.")
  private Boolean updateConfigMapOnly;

  @JsonPropertyDescription("Blue/green rollouts: 2 (default) gives queryNode two Deployments and switches between them; 3 does so for every component.")
  @ValidationRule(value = "self in [0, 2, 3]", message = "rollingMode must be 2 or 3")
  private Integer rollingMode;

  @JsonPropertyDescription("When true, the operator stops managing the replicas of each Deployment: the user scales them.")
  private Boolean enableManualMode;

  @JsonPropertyDescription("The ConfigMap new Deployments use; defaults to the Milvus name. Useful with rollingMode 3, to prepare the configuration of the next rollout without changing running pods.")
  private String activeConfigMap;

  @JsonPropertyDescription("Run Milvus as a non-root user (uid 1000); some features that need root are then disabled.")
  private Boolean runAsNonRoot;

  @JsonPropertyDescription("Before Milvus 2.6, deploy a streamingNode (streaming mode); from 2.6 a cluster always has one.")
  private Boolean streamingMode;

  @JsonPropertyDescription("The proxy of a cluster: the component clients connect to, behind the Service.")
  private ProxyComponent proxy;

  @JsonPropertyDescription("One coordinator running root, data, query and index coordinators together; used when no separate coordinator is given, and always from Milvus 2.6.")
  private Component mixCoord;

  @JsonPropertyDescription("The root coordinator of a cluster (before 2.6, instead of mixCoord).")
  private Component rootCoord;

  @JsonPropertyDescription("The index coordinator of a cluster (before 2.6, instead of mixCoord).")
  private Component indexCoord;

  @JsonPropertyDescription("The data coordinator of a cluster (before 2.6, instead of mixCoord).")
  private Component dataCoord;

  @JsonPropertyDescription("The query coordinator of a cluster (before 2.6, instead of mixCoord).")
  private Component queryCoord;

  @JsonPropertyDescription("The index nodes of a cluster, which build indexes (before 2.6; from 2.6 data nodes build them).")
  private WorkerComponent indexNode;

  @JsonPropertyDescription("The data nodes of a cluster, which persist data to object storage.")
  private WorkerComponent dataNode;

  @JsonPropertyDescription("The query nodes of a cluster, which load data and run searches and queries.")
  private WorkerComponent queryNode;

  @JsonPropertyDescription("The streaming nodes of a cluster, which handle the write-ahead log (from Milvus 2.6, or with streamingMode).")
  private WorkerComponent streamingNode;

  @JsonPropertyDescription("The single Milvus process of standalone mode; a cluster keeps it at 0 replicas.")
  private ServiceComponent standalone;

  @JsonPropertyDescription("Milvus CDC, which replicates changes to another Milvus (Milvus 2.6.6 or later).")
  private Component cdc;

  public String getTargetPortType() {
    return targetPortType;
  }

  public void setTargetPortType(String targetPortType) {
    this.targetPortType = targetPortType;
  }

  public String getImageUpdateMode() {
    return imageUpdateMode;
  }

  public void setImageUpdateMode(String imageUpdateMode) {
    this.imageUpdateMode = imageUpdateMode;
  }

  public Boolean getEnableRollingUpdate() {
    return enableRollingUpdate;
  }

  public void setEnableRollingUpdate(Boolean enableRollingUpdate) {
    this.enableRollingUpdate = enableRollingUpdate;
  }

  public Boolean getDisableMetric() {
    return disableMetric;
  }

  public void setDisableMetric(Boolean disableMetric) {
    this.disableMetric = disableMetric;
  }

  public String getMetricInterval() {
    return metricInterval;
  }

  public void setMetricInterval(String metricInterval) {
    this.metricInterval = metricInterval;
  }

  public Map<String, String> getMetricLabels() {
    return metricLabels;
  }

  public void setMetricLabels(Map<String, String> metricLabels) {
    this.metricLabels = metricLabels;
  }

  public String getToolImage() {
    return toolImage;
  }

  public void setToolImage(String toolImage) {
    this.toolImage = toolImage;
  }

  public String getDummyImage() {
    return dummyImage;
  }

  public void setDummyImage(String dummyImage) {
    this.dummyImage = dummyImage;
  }

  public Boolean getUpdateToolImage() {
    return updateToolImage;
  }

  public void setUpdateToolImage(Boolean updateToolImage) {
    this.updateToolImage = updateToolImage;
  }

  public Boolean getUpdateConfigMapOnly() {
    return updateConfigMapOnly;
  }

  public void setUpdateConfigMapOnly(Boolean updateConfigMapOnly) {
    this.updateConfigMapOnly = updateConfigMapOnly;
  }

  public Integer getRollingMode() {
    return rollingMode;
  }

  public void setRollingMode(Integer rollingMode) {
    this.rollingMode = rollingMode;
  }

  public Boolean getEnableManualMode() {
    return enableManualMode;
  }

  public void setEnableManualMode(Boolean enableManualMode) {
    this.enableManualMode = enableManualMode;
  }

  public String getActiveConfigMap() {
    return activeConfigMap;
  }

  public void setActiveConfigMap(String activeConfigMap) {
    this.activeConfigMap = activeConfigMap;
  }

  public Boolean getRunAsNonRoot() {
    return runAsNonRoot;
  }

  public void setRunAsNonRoot(Boolean runAsNonRoot) {
    this.runAsNonRoot = runAsNonRoot;
  }

  public Boolean getStreamingMode() {
    return streamingMode;
  }

  public void setStreamingMode(Boolean streamingMode) {
    this.streamingMode = streamingMode;
  }

  public ProxyComponent getProxy() {
    return proxy;
  }

  public void setProxy(ProxyComponent proxy) {
    this.proxy = proxy;
  }

  public Component getMixCoord() {
    return mixCoord;
  }

  public void setMixCoord(Component mixCoord) {
    this.mixCoord = mixCoord;
  }

  public Component getRootCoord() {
    return rootCoord;
  }

  public void setRootCoord(Component rootCoord) {
    this.rootCoord = rootCoord;
  }

  public Component getIndexCoord() {
    return indexCoord;
  }

  public void setIndexCoord(Component indexCoord) {
    this.indexCoord = indexCoord;
  }

  public Component getDataCoord() {
    return dataCoord;
  }

  public void setDataCoord(Component dataCoord) {
    this.dataCoord = dataCoord;
  }

  public Component getQueryCoord() {
    return queryCoord;
  }

  public void setQueryCoord(Component queryCoord) {
    this.queryCoord = queryCoord;
  }

  public WorkerComponent getIndexNode() {
    return indexNode;
  }

  public void setIndexNode(WorkerComponent indexNode) {
    this.indexNode = indexNode;
  }

  public WorkerComponent getDataNode() {
    return dataNode;
  }

  public void setDataNode(WorkerComponent dataNode) {
    this.dataNode = dataNode;
  }

  public WorkerComponent getQueryNode() {
    return queryNode;
  }

  public void setQueryNode(WorkerComponent queryNode) {
    this.queryNode = queryNode;
  }

  public WorkerComponent getStreamingNode() {
    return streamingNode;
  }

  public void setStreamingNode(WorkerComponent streamingNode) {
    this.streamingNode = streamingNode;
  }

  public ServiceComponent getStandalone() {
    return standalone;
  }

  public void setStandalone(ServiceComponent standalone) {
    this.standalone = standalone;
  }

  public Component getCdc() {
    return cdc;
  }

  public void setCdc(Component cdc) {
    this.cdc = cdc;
  }
}
