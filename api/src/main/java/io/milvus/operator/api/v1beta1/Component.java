package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Map;

/** One Milvus component: a Deployment of `milvus run <component>`. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Component extends ComponentSpec {

  @JsonPropertyDescription("Pods; default 1 (standalone in a cluster: 0). 0 stops it; -1 leaves it to an external HPA.")
  @Min(-1)
  private Integer replicas;

  @JsonPropertyDescription("A HorizontalPodAutoscaler the operator creates.")
  private HpaSpec hpa;

  @JsonPropertyDescription("Extra containers, as Kubernetes Containers.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> sidecars;

  @JsonPropertyDescription("Extra init containers, as Kubernetes Containers.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> initContainers;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public HpaSpec getHpa() {
    return hpa;
  }

  public void setHpa(HpaSpec hpa) {
    this.hpa = hpa;
  }

  public List<Map<String, Object>> getSidecars() {
    return sidecars;
  }

  public void setSidecars(List<Map<String, Object>> sidecars) {
    this.sidecars = sidecars;
  }

  public List<Map<String, Object>> getInitContainers() {
    return initContainers;
  }

  public void setInitContainers(List<Map<String, Object>> initContainers) {
    this.initContainers = initContainers;
  }
}
