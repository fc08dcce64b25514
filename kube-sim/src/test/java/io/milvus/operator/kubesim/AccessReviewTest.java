package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What leader election needs from the API server: access reviews, and Leases written with optimistic locking. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessReviewTest {

  private KubeSim sim;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aRulesReviewAllowsEveryVerbOnEverythingAsForAClusterAdmin() {
    SelfSubjectRulesReview review = client.resource(new SelfSubjectRulesReviewBuilder().withNewSpec()
        .withNamespace("default").endSpec().build()).create();

    assertThat(review.getStatus().getIncomplete()).isFalse();
    assertThat(review.getStatus().getResourceRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getVerbs()).containsExactly("*");
      assertThat(rule.getApiGroups()).containsExactly("*");
      assertThat(rule.getResources()).containsExactly("*");
    });
    assertThat(review.getSpec().getNamespace()).isEqualTo("default");
  }

  @Test
  void anAccessReviewIsAllowedAndNothingIsStored() {
    SelfSubjectAccessReview review = client.resource(new SelfSubjectAccessReviewBuilder().withNewSpec()
        .withNewResourceAttributes().withNamespace("default").withVerb("update").withGroup("coordination.k8s.io")
        .withResource("leases").endResourceAttributes().endSpec().build()).create();

    assertThat(review.getStatus().getAllowed()).isTrue();
    assertThat(review.getMetadata() == null || review.getMetadata().getName() == null).isTrue();
  }

  @Test
  void aLeaseUpdatedFromAStaleVersionConflicts() {
    Lease lease = client.resource(new LeaseBuilder().withNewMetadata().withNamespace("default").withName("lock")
        .endMetadata().withNewSpec().withHolderIdentity("a").withLeaseDurationSeconds(2).endSpec().build()).create();
    Lease stale = new LeaseBuilder(lease).build();
    lease.getSpec().setHolderIdentity("b");
    client.resource(lease).update();

    stale.getSpec().setHolderIdentity("c");
    assertThatThrownBy(() -> client.resource(stale).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.leases().inNamespace("default").withName("lock").get().getSpec().getHolderIdentity())
        .isEqualTo("b");
  }
}
