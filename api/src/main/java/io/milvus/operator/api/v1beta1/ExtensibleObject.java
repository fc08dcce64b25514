package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every object of the API. Fields this version of the operator does not model (newer upstream fields,
 * typos) are kept here, so a read-modify-write by the operator never drops what the user wrote.
 *
 * <p>The CRD generator marks every subclass {@code x-kubernetes-preserve-unknown-fields: true} (plugin option
 * {@code implicitPreserveUnknownFields}), so the API server keeps these fields too.
 */
public abstract class ExtensibleObject {

  @JsonIgnore
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /**
   * The unknown fields. {@code @JsonIgnore} only hides the map from the CRD schema generator, which would
   * otherwise list it as a property; Jackson still writes its entries through {@code @JsonAnyGetter}.
   */
  @JsonAnyGetter
  @JsonIgnore
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }
}
