package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every object of the API. Fields this version of the operator does not model (newer upstream fields,
 * typos) are kept here, so a read-modify-write by the operator never drops what the user wrote.
 */
public abstract class ExtensibleObject {

  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @JsonIgnore
  public boolean hasAdditionalProperties() {
    return !additionalProperties.isEmpty();
  }
}
