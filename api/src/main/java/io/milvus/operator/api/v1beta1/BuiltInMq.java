package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A message queue built into Milvus (rocksmq, natsmq, woodpecker). Upstream gives woodpecker two more fields,
 * {@code external} and {@code quorumBufferPools}; they live here, so the three queues keep one type, and
 * MilvusValidator refuses them on rocksmq and natsmq.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuiltInMq extends ExtensibleObject {

  @JsonPropertyDescription("Where the queue keeps its data: a PVC (default) or an emptyDir.")
  private Persistence persistence;

  @JsonPropertyDescription("woodpecker only: use an external Woodpecker LogStore (service mode) instead of the one embedded in Milvus; etcd and object storage must then be external and shared with it (default false).")
  private Boolean external;

  @JsonPropertyDescription("woodpecker only: the external LogStore's seed endpoints, grouped in named pools; required when external.")
  private List<WoodpeckerBufferPool> quorumBufferPools;

  public Persistence getPersistence() {
    return persistence;
  }

  public void setPersistence(Persistence persistence) {
    this.persistence = persistence;
  }

  public Boolean getExternal() {
    return external;
  }

  public void setExternal(Boolean external) {
    this.external = external;
  }

  public List<WoodpeckerBufferPool> getQuorumBufferPools() {
    return quorumBufferPools;
  }

  public void setQuorumBufferPools(List<WoodpeckerBufferPool> quorumBufferPools) {
    this.quorumBufferPools = quorumBufferPools;
  }
}
