package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** A dependency the operator deploys in the Milvus namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InClusterConfig extends ExtensibleObject {

  @JsonPropertyDescription("Helm values of the dependency's chart, overriding the operator's defaults (e.g. persistence size, replicas).")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> values;

  @JsonPropertyDescription("Which chart deploys the dependency: pulsar-v2 or pulsar-v3 (default for new Milvus) for Pulsar; etcd-v6 or etcd-v8 (default for new Milvus) for etcd.")
  private String chartVersion;

  @JsonPropertyDescription("What happens to the dependency when the Milvus is deleted: Retain (default) keeps it and its data; Delete removes it.")
  @ValidationRule(value = "self in ['Delete', 'Retain', '']", message = "deletionPolicy must be Delete or Retain")
  private String deletionPolicy;

  @JsonPropertyDescription("With deletionPolicy Delete, also delete the dependency's PVCs and so its data (default false).")
  private Boolean pvcDeletion;

  public Map<String, Object> getValues() {
    return values;
  }

  public void setValues(Map<String, Object> values) {
    this.values = values;
  }

  public String getChartVersion() {
    return chartVersion;
  }

  public void setChartVersion(String chartVersion) {
    this.chartVersion = chartVersion;
  }

  public String getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(String deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Boolean getPvcDeletion() {
    return pvcDeletion;
  }

  public void setPvcDeletion(Boolean pvcDeletion) {
    this.pvcDeletion = pvcDeletion;
  }
}
