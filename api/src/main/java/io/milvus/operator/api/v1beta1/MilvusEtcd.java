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

  @JsonPropertyDescription("host:port of the external etcd servers, e.g. etcd-0.etcd:2379; required when external.")
  private List<String> endpoints;

  @JsonPropertyDescription("Use an existing etcd (endpoints) instead of deploying one (default false).")
  private Boolean external;

  @JsonPropertyDescription("The etcd the operator deploys when not external: <name>-etcd, 1 replica for standalone, 3 for a cluster.")
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
