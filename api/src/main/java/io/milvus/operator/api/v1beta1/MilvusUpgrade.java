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

/** A metadata migration of a Milvus from 2.1.x to 2.2 or later: {@code kubectl get milvusupgrade}. */
@Group(Milvus.GROUP)
@Version(Milvus.VERSION)
@Kind("MilvusUpgrade")
@Plural("milvusupgrades")
@Singular("milvusupgrade")
@ShortNames("mu")
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Source", jsonPath = ".spec.sourceVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.targetVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// The API server prunes unknown top-level fields (only spec and status keep them): do the same, not fail.
@JsonIgnoreProperties(ignoreUnknown = true)
public class MilvusUpgrade extends CustomResource<MilvusUpgradeSpec, MilvusUpgradeStatus> implements Namespaced {

  /** Never fails: a spec the model cannot read becomes an {@link UnreadableSpec}, reported on this resource. */
  @Override
  @JsonDeserialize(using = LenientSpecDeserializer.ForMilvusUpgrade.class)
  public void setSpec(MilvusUpgradeSpec spec) {
    super.setSpec(spec);
  }

  @Override
  protected MilvusUpgradeSpec initSpec() {
    return new MilvusUpgradeSpec();
  }

  // Overridden only to describe spec and status in the CRD (kubectl explain): the generator reads property descriptions.
  @Override
  @JsonPropertyDescription("Which Milvus to migrate, from which version to which, and how.")
  public MilvusUpgradeSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Progress of the migration, written by the operator.")
  public MilvusUpgradeStatus getStatus() {
    return super.getStatus();
  }
}
