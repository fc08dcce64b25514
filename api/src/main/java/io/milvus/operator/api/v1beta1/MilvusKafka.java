package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Kafka as message queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusKafka extends ExtensibleObject {

  @JsonPropertyDescription("The Kafka the operator deploys when not external: <name>-kafka.")
  private InClusterConfig inCluster;

  @JsonPropertyDescription("Use an existing Kafka (brokerList) instead of deploying one (default false).")
  private Boolean external;

  @JsonPropertyDescription("host:port of the external Kafka brokers; required when external.")
  private List<String> brokerList;

  @JsonPropertyDescription("A Secret with the Kafka client's SASL/TLS settings, passed to Milvus as environment variables.")
  private String secretRef;

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

  public List<String> getBrokerList() {
    return brokerList;
  }

  public void setBrokerList(List<String> brokerList) {
    this.brokerList = brokerList;
  }

  public String getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(String secretRef) {
    this.secretRef = secretRef;
  }
}
