package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Replicas per component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusReplicas extends ExtensibleObject {

  @JsonPropertyDescription("Replicas of proxy before the upgrade.")
  private Integer proxy;

  @JsonPropertyDescription("Replicas of mixCoord before the upgrade.")
  private Integer mixCoord;

  @JsonPropertyDescription("Replicas of rootCoord before the upgrade.")
  private Integer rootCoord;

  @JsonPropertyDescription("Replicas of dataCoord before the upgrade.")
  private Integer dataCoord;

  @JsonPropertyDescription("Replicas of indexCoord before the upgrade.")
  private Integer indexCoord;

  @JsonPropertyDescription("Replicas of queryCoord before the upgrade.")
  private Integer queryCoord;

  @JsonPropertyDescription("Replicas of dataNode before the upgrade.")
  private Integer dataNode;

  @JsonPropertyDescription("Replicas of indexNode before the upgrade.")
  private Integer indexNode;

  @JsonPropertyDescription("Replicas of queryNode before the upgrade.")
  private Integer queryNode;

  @JsonPropertyDescription("Replicas of streamingNode before the upgrade.")
  private Integer streamingNode;

  @JsonPropertyDescription("Replicas of standalone before the upgrade.")
  private Integer standalone;

  @JsonPropertyDescription("Replicas of cdc before the upgrade.")
  private Integer cdc;

  public Integer getProxy() {
    return proxy;
  }

  public void setProxy(Integer proxy) {
    this.proxy = proxy;
  }

  public Integer getMixCoord() {
    return mixCoord;
  }

  public void setMixCoord(Integer mixCoord) {
    this.mixCoord = mixCoord;
  }

  public Integer getRootCoord() {
    return rootCoord;
  }

  public void setRootCoord(Integer rootCoord) {
    this.rootCoord = rootCoord;
  }

  public Integer getDataCoord() {
    return dataCoord;
  }

  public void setDataCoord(Integer dataCoord) {
    this.dataCoord = dataCoord;
  }

  public Integer getIndexCoord() {
    return indexCoord;
  }

  public void setIndexCoord(Integer indexCoord) {
    this.indexCoord = indexCoord;
  }

  public Integer getQueryCoord() {
    return queryCoord;
  }

  public void setQueryCoord(Integer queryCoord) {
    this.queryCoord = queryCoord;
  }

  public Integer getDataNode() {
    return dataNode;
  }

  public void setDataNode(Integer dataNode) {
    this.dataNode = dataNode;
  }

  public Integer getIndexNode() {
    return indexNode;
  }

  public void setIndexNode(Integer indexNode) {
    this.indexNode = indexNode;
  }

  public Integer getQueryNode() {
    return queryNode;
  }

  public void setQueryNode(Integer queryNode) {
    this.queryNode = queryNode;
  }

  public Integer getStreamingNode() {
    return streamingNode;
  }

  public void setStreamingNode(Integer streamingNode) {
    this.streamingNode = streamingNode;
  }

  public Integer getStandalone() {
    return standalone;
  }

  public void setStandalone(Integer standalone) {
    this.standalone = standalone;
  }

  public Integer getCdc() {
    return cdc;
  }

  public void setCdc(Integer cdc) {
    this.cdc = cdc;
  }
}
