package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/** One independently deployed workload of a component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeploymentGroup extends ExtensibleObject {

  @JsonPropertyDescription("Unique in the component; suffix of the Deployment's name.")
  @Required
  @Pattern(SchemaRules.DNS1123_LABEL)
  @Size(min = 1, max = 63)
  private String name;

  @JsonPropertyDescription("Pods of this group; -1 leaves it to an external HPA.")
  @Min(-1)
  @Required
  private Integer replicas;

  @JsonPropertyDescription("Labels on the group's Deployment and pods.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations on the group's Deployment and pods.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Environment variables, merged over the component's by name.")
  private List<EnvVar> extraEnv;

  @JsonPropertyDescription("Replaces the component's nodeSelector.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Replaces the component's affinity.")
  @SchemaFrom(type = FreeFormObject.class)
  private Affinity affinity;

  @JsonPropertyDescription("Replaces the component's tolerations.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Replaces the component's topologySpreadConstraints.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public List<EnvVar> getExtraEnv() {
    return extraEnv;
  }

  public void setExtraEnv(List<EnvVar> extraEnv) {
    this.extraEnv = extraEnv;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }
}
