package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Kafka as message queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusKafka extends ExtensibleObject {

  private InClusterConfig inCluster;

  private Boolean external;

  private List<String> brokerList;

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
