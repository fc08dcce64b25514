package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A walk over several Milvus versions towards the requested one: not upstream's, added by this operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradePathStatus extends ExtensibleObject {

  @JsonPropertyDescription("The requested version.")
  private String target;

  @JsonPropertyDescription("The hop in progress.")
  private String hop;

  @JsonPropertyDescription("Why the hop waits.")
  private String waiting;

  @JsonPropertyDescription("The hops, in order.")
  private List<UpgradeHop> hops;

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getHop() {
    return hop;
  }

  public void setHop(String hop) {
    this.hop = hop;
  }

  public String getWaiting() {
    return waiting;
  }

  public void setWaiting(String waiting) {
    this.waiting = waiting;
  }

  public List<UpgradeHop> getHops() {
    return hops;
  }

  public void setHops(List<UpgradeHop> hops) {
    this.hops = hops;
  }
}
