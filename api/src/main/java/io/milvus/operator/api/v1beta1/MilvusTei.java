package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Text Embeddings Inference (TEI), an optional in-cluster dependency. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusTei extends ExtensibleObject {

  @JsonPropertyDescription("Deploy Text Embeddings Inference as <name>-tei (default false).")
  private Boolean enabled;

  @JsonPropertyDescription("The TEI deployment's chart values and deletion policy.")
  private InClusterConfig inCluster;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public InClusterConfig getInCluster() {
    return inCluster;
  }

  public void setInCluster(InClusterConfig inCluster) {
    this.inCluster = inCluster;
  }
}
