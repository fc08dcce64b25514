package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Pulsar as message queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusPulsar extends ExtensibleObject {

  @JsonPropertyDescription("The Pulsar the operator deploys when not external: <name>-pulsar.")
  private InClusterConfig inCluster;

  @JsonPropertyDescription("Use an existing Pulsar (endpoint) instead of deploying one (default false).")
  private Boolean external;

  @JsonPropertyDescription("host:port of the external Pulsar broker or proxy, e.g. pulsar-proxy.pulsar:6650; required when external.")
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
