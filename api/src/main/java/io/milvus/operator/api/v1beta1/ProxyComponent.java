package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The proxy of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProxyComponent extends ServiceComponent {

  @JsonPropertyDescription("Independently scheduled Deployments of the proxy (e.g. one per zone).")
  private List<DeploymentGroup> groups;

  public List<DeploymentGroup> getGroups() {
    return groups;
  }

  public void setGroups(List<DeploymentGroup> groups) {
    this.groups = groups;
  }
}
