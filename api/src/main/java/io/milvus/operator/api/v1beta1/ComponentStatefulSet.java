package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;
import java.util.Map;

/** Deploys a component as a StatefulSet with per-replica PVCs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatefulSet extends ExtensibleObject {

  @JsonPropertyDescription("Run the component as a StatefulSet (default false).")
  private Boolean enabled;

  @JsonPropertyDescription("Each pod's PVCs, as Kubernetes PersistentVolumeClaims.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> volumeClaimTemplates;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<Map<String, Object>> getVolumeClaimTemplates() {
    return volumeClaimTemplates;
  }

  public void setVolumeClaimTemplates(List<Map<String, Object>> volumeClaimTemplates) {
    this.volumeClaimTemplates = volumeClaimTemplates;
  }
}
