package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** The Milvus to upgrade. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusReference extends ExtensibleObject {

  @JsonPropertyDescription("The Milvus's namespace; the MilvusUpgrade's own namespace when empty.")
  private String namespace;

  @JsonPropertyDescription("The Milvus's name.")
  @Required
  private String name;

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
