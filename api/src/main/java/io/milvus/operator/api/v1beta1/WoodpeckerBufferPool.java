package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A named group of Woodpecker LogStore seed endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WoodpeckerBufferPool extends ExtensibleObject {

  @JsonPropertyDescription("The pool's name, e.g. default-region-pool.")
  @Required
  private String name;

  @JsonPropertyDescription("host:port of LogStore servers of this pool (port 18080), e.g. <cluster>-server-client.<namespace>.svc:18080.")
  @Required
  private List<String> seeds;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getSeeds() {
    return seeds;
  }

  public void setSeeds(List<String> seeds) {
    this.seeds = seeds;
  }
}
