package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The Milvus components and the settings shared by all of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusComponents extends ComponentSpec {

  @JsonPropertyDescription("string (default) or integer.")
  @ValidationRule(value = "self in ['string', 'integer']", message = "targetPortType must be string or integer")
  private String targetPortType;

  @JsonPropertyDescription("rollingUpgrade (default), rollingDowngrade, all or force.")
  @ValidationRule(value = "self in ['rollingUpgrade', 'rollingDowngrade', 'all', 'force']", message = "imageUpdateMode must be rollingUpgrade, rollingDowngrade, all or force")
  private String imageUpdateMode;

  @JsonPropertyDescription("Replace components one at a time, in dependency order.")
  private Boolean enableRollingUpdate;

  private Boolean disableMetric;

  @JsonPropertyDescription("PodMonitor scrape interval, e.g. 30s.")
  @Pattern(SchemaRules.PROMETHEUS_DURATION)
  private String metricInterval;

  private Map<String, String> metricLabels;

  private String toolImage;

  private String dummyImage;

  private Boolean updateToolImage;

  @JsonPropertyDescription("When true (default) a config change does not restart pods.")
  private Boolean updateConfigMapOnly;

  @JsonPropertyDescription("2 (default): blue/green Deployments for queryNode only; 3: for every component.")
  @ValidationRule(value = "self in [0, 2, 3]", message = "rollingMode must be 2 or 3")
  private Integer rollingMode;

  private Boolean enableManualMode;

  private String activeConfigMap;

  private Boolean runAsNonRoot;

  private Boolean streamingMode;

  private ProxyComponent proxy;

  private Component mixCoord;

  private Component rootCoord;

  private Component indexCoord;

  private Component dataCoord;

  private Component queryCoord;

  private WorkerComponent indexNode;

  private WorkerComponent dataNode;

  private WorkerComponent queryNode;

  private WorkerComponent streamingNode;

  private ServiceComponent standalone;

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
