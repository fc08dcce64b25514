package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/** The Deployment of one component, as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentDeployStatus extends ExtensibleObject {

  @JsonPropertyDescription("The Deployment's metadata.generation when observed.")
  private Long generation;

  @JsonPropertyDescription("The image of the Deployment's Milvus container.")
  private String image;

  @JsonPropertyDescription("The Deployment's status (replicas, ready and updated counts, conditions).")
  @SchemaFrom(type = FreeFormObject.class)
  private DeploymentStatus status;

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public DeploymentStatus getStatus() {
    return status;
  }

  public void setStatus(DeploymentStatus status) {
    this.status = status;
  }
}
