package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Milvus deployment, standalone or cluster: {@code kubectl get milvus}. */
@Group(Milvus.GROUP)
@Version(Milvus.VERSION)
@Kind("Milvus")
@Plural("milvuses")
@Singular("milvus")
@ShortNames("mi")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Updated",
    jsonPath = ".status.conditions[?(@.type==\"MilvusUpdated\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// kubectl get -o wide only (priority 1): where a walk over several versions goes, and its hop now
@AdditionalPrinterColumn(name = "Target", jsonPath = ".status.upgradePath.target",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Hop", jsonPath = ".status.upgradePath.hop",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
// The API server prunes unknown top-level fields (only spec and status keep them): do the same, not fail.
@JsonIgnoreProperties(ignoreUnknown = true)
public class Milvus extends CustomResource<MilvusSpec, MilvusStatus> implements Namespaced {

  public static final String GROUP = "milvus.io";
  public static final String VERSION = "v1beta1";

  /** Never fails: a spec the model cannot read becomes an {@link UnreadableSpec}, reported on this resource. */
  @Override
  @JsonDeserialize(using = LenientSpecDeserializer.ForMilvus.class)
  public void setSpec(MilvusSpec spec) {
    super.setSpec(spec);
  }

  @Override
  protected MilvusSpec initSpec() {
    return new MilvusSpec();
  }

  // Overridden only to describe spec and status in the CRD (kubectl explain): the generator reads property descriptions.
  @Override
  @JsonPropertyDescription("What the user wants: the Milvus mode, its components, its dependencies and its configuration.")
  public MilvusSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observes, written by the operator: overall state, conditions, endpoint, and the image Milvus runs.")
  public MilvusStatus getStatus() {
    return super.getStatus();
  }
}
