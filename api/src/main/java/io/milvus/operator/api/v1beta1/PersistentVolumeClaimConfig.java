package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import java.util.Map;

/** The PVC of a built-in message queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersistentVolumeClaimConfig extends ExtensibleObject {

  @JsonPropertyDescription("Use this existing PVC instead of creating one.")
  @Pattern(SchemaRules.DNS1123_SUBDOMAIN_OR_EMPTY)
  @Size(max = 253)
  private String existingClaim;

  @JsonPropertyDescription("Extra labels on the created PVC.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Extra annotations on the created PVC.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("The created PVC's spec, as a Kubernetes PersistentVolumeClaimSpec (storage class, size); 5Gi ReadWriteOnce by default.")
  @SchemaFrom(type = FreeFormObject.class)
  private PersistentVolumeClaimSpec spec;

  public String getExistingClaim() {
    return existingClaim;
  }

  public void setExistingClaim(String existingClaim) {
    this.existingClaim = existingClaim;
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

  public PersistentVolumeClaimSpec getSpec() {
    return spec;
  }

  public void setSpec(PersistentVolumeClaimSpec spec) {
    this.spec = spec;
  }
}
