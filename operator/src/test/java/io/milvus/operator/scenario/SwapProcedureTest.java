package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CRD steps of docs/migrate-from-go-operator.md, against an API server that holds CRDs to the rules a real one
 * does: the Go operator's CRD still lists v1alpha1 in {@code status.storedVersions}, which this operator's CRD does not
 * serve, so installing it fails until the objects are rewritten and the list is trimmed.
 */
class SwapProcedureTest {

  static final String CRD = "milvuses.milvus.io";
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  private OperatorHarness cluster;

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theGoOperatorsCrdIsReplacedOnceItsStoredVersionsAreMigrated() {
    cluster = OperatorHarness.start(SwapProcedureTest::asTheGoOperatorsChartInstalledIt);
    cluster.stopOperator();
    var crds = cluster.user.apiextensions().v1().customResourceDefinitions();
    crds.withName(CRD).editStatus(crd -> {
      crd.setStatus(new CustomResourceDefinitionStatusBuilder(crd.getStatus())
          .withStoredVersions("v1alpha1", "v1beta1").build());
      return crd;
    });
    cluster.create(TestMilvus.SEED);
    CustomResourceDefinition ours = ourCrd();

    assertThatThrownBy(() -> replaceSpec(ours)).as("our CRD serves no v1alpha1")
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("storedVersions").hasMessageContaining("v1alpha1");

    // step 2 of the procedure: every Milvus rewritten at the storage version, then the list trimmed
    cluster.user.resource(cluster.get("my-release")).update();
    crds.withName(CRD).editStatus(crd -> {
      crd.getStatus().setStoredVersions(List.of("v1beta1"));
      return crd;
    });
    replaceSpec(ours);

    CustomResourceDefinition installed = crds.withName(CRD).get();
    assertThat(installed.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getName)
        .containsExactly("v1beta1");
    assertThat(installed.getSpec().getConversion()).as("no conversion webhook of a gone operator").isNull();
    cluster.startOperator();
    cluster.awaitStatus("my-release", "Healthy");
  }

  /** What `helm install` of this operator's chart writes over the kept CRD: our spec, the Helm annotations kept. */
  private void replaceSpec(CustomResourceDefinition ours) {
    cluster.user.apiextensions().v1().customResourceDefinitions().withName(CRD).edit(crd -> {
      crd.setSpec(ours.getSpec());
      crd.getMetadata().getAnnotations().put("meta.helm.sh/release-name", "milvus-operator-java");
      return crd;
    });
  }

  private CustomResourceDefinition ourCrd() {
    return cluster.user.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/milvuses.milvus.io-v1.yml")).item();
  }

  /**
   * The Go operator's chart (v1.3.8): v1alpha1 still served beside v1beta1 (the storage version), conversion by its
   * webhook, Helm's ownership annotations and no resource-policy keep.
   */
  static void asTheGoOperatorsChartInstalledIt(CustomResourceDefinition crd) {
    if (!CRD.equals(crd.getMetadata().getName())) {
      return;
    }
    CustomResourceDefinitionVersion v1beta1 = crd.getSpec().getVersions().get(0);
    CustomResourceDefinitionVersion v1alpha1 = JSON.clone(v1beta1);
    v1alpha1.setName("v1alpha1");
    v1alpha1.setStorage(false);
    v1alpha1.setAdditionalPrinterColumns(List.of());
    crd.getSpec().setVersions(List.of(v1alpha1, v1beta1));
    crd.getSpec().setConversion(JSON.unmarshal("""
        {"strategy": "Webhook", "webhook": {"conversionReviewVersions": ["v1"], "clientConfig": {"service":
          {"name": "milvus-operator-webhook-service", "namespace": "milvus-operator", "path": "/convert"}}}}
        """, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion.class));
    crd.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("meta.helm.sh/release-name", "milvus-operator",
        "meta.helm.sh/release-namespace", "milvus-operator")));
  }
}
