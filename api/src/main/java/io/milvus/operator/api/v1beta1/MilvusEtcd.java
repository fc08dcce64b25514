package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** etcd, the metadata store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.external) || !self.external || (has(self.endpoints) && size(self.endpoints) > 0)",
    message = "an external etcd needs endpoints")
public class MilvusEtcd extends ExtensibleObject {

  @JsonPropertyDescription("host:port of an external etcd.")
  private List<String> endpoints;

  private Boolean external;

  private InClusterConfig inCluster;

  public List<String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }

  public Boolean getExternal() {
    return external;
  }

  public void setExternal(Boolean external) {
    this.external = external;
  }

  public InClusterConfig getInCluster() {
    return inCluster;
  }

  public void setInCluster(InClusterConfig inCluster) {
    this.inCluster = inCluster;
  }
}
