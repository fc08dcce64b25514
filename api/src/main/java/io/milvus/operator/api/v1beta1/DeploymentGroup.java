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

  @JsonPropertyDescription("A DNS-1123 label, unique within the component: suffix of the Deployment name.")
  @Required
  @Pattern(SchemaRules.DNS1123_LABEL)
  @Size(min = 1, max = 63)
  private String name;

  @Min(-1)
  @Required
  private Integer replicas;

  private Map<String, String> labels;

  private Map<String, String> annotations;

  private List<EnvVar> extraEnv;

  private Map<String, String> nodeSelector;

  @SchemaFrom(type = FreeFormObject.class)
  private Affinity affinity;

  private List<Toleration> tolerations;

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
