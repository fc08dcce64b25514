package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Replicas per component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusReplicas extends ExtensibleObject {

  private Integer proxy;

  private Integer mixCoord;

  private Integer rootCoord;

  private Integer dataCoord;

  private Integer indexCoord;

  private Integer queryCoord;

  private Integer dataNode;

  private Integer indexNode;

  private Integer queryNode;

  private Integer streamingNode;

  private Integer standalone;

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
