package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A node component (queryNode, dataNode, indexNode, streamingNode). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerComponent extends Component {

  @JsonPropertyDescription("Independently scheduled Deployments of the component (e.g. one per zone).")
  private List<DeploymentGroup> groups;

  @JsonPropertyDescription("Run as a StatefulSet with a PVC per pod.")
  private ComponentStatefulSet statefulSet;

  public List<DeploymentGroup> getGroups() {
    return groups;
  }

  public void setGroups(List<DeploymentGroup> groups) {
    this.groups = groups;
  }

  public ComponentStatefulSet getStatefulSet() {
    return statefulSet;
  }

  public void setStatefulSet(ComponentStatefulSet statefulSet) {
    this.statefulSet = statefulSet;
  }
}
