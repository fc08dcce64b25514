package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Pulsar as message queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusPulsar extends ExtensibleObject {

  private InClusterConfig inCluster;

  private Boolean external;

  private String endpoint;

  public InClusterConfig getInCluster() {
    return inCluster;
  }

  public void setInCluster(InClusterConfig inCluster) {
    this.inCluster = inCluster;
  }

  public Boolean getExternal() {
    return external;
  }

  public void setExternal(Boolean external) {
    this.external = external;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }
}
