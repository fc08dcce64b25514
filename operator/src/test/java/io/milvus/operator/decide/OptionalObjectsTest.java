package io.milvus.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.render.ClusterFacts;
import io.milvus.operator.render.MilvusPodMonitor;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Ingress and the PodMonitor exist while the spec asks for them: the decision applies them, deletes the ones this
 * Milvus controls once they are no longer asked for, and leaves a user's own object of the same name alone, saying so.
 */
class OptionalObjectsTest {

  static final Milvus EXPOSED = MilvusDeciderTest.milvus("""
      components:
        image: milvusdb/milvus:v2.4.23
        standalone: {ingress: {hosts: [milvus.example.com]}}
      """);
  static final Milvus PLAIN = MilvusDeciderTest.milvus("components: {image: milvusdb/milvus:v2.4.23}");
  static final Milvus METRICS_OFF = MilvusDeciderTest.milvus(
      "components: {image: milvusdb/milvus:v2.4.23, disableMetric: true}");
  static final ClusterFacts PROMETHEUS = new ClusterFacts(false, true);

  @Test
  void anIngressTheSpecAsksForIsApplied() {
    Converge decision = decide(EXPOSED, List.of(), Optional.empty());

    assertThat(writesOf(decision, "Ingress")).singleElement()
        .satisfies(w -> assertThat(w.kind()).isEqualTo(Write.Kind.APPLY));
    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void theIngressThisMilvusMadeIsDeletedOnceTheSpecNoLongerHasOne() {
    Ingress ours = rendered(EXPOSED).ingress().orElseThrow();

    Converge decision = decide(PLAIN, List.of(ours), Optional.empty());

    assertThat(writesOf(decision, "Ingress")).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo(Write.Kind.DELETE);
      assertThat(w.object().getMetadata().getName()).isEqualTo("my-release-milvus");
    });
    List<Written> written = List.of(new Written(writesOf(decision, "Ingress").get(0), ours, Written.Outcome.DELETED,
        List.of()));
    assertThat(WriteEvents.of(PLAIN, decision, written)).extracting(Announcement::message)
        .containsExactly("Removed Ingress my-release-milvus: the spec no longer has an ingress");
    assertThat(MilvusDecider.report(world(PLAIN, List.of(ours), Optional.empty()), decision, written).status()
        .orElseThrow().getIngress()).as("status.ingress cleared").isNull();
  }

  @Test
  void aUsersIngressOfTheSameNameIsNeitherTakenOverNorDeleted() {
    Ingress theirs = new IngressBuilder().withNewMetadata().withName("my-release-milvus").withNamespace("default")
        .withLabels(Map.of("app.kubernetes.io/managed-by", "milvus-operator")).endMetadata().build();

    Converge asked = decide(EXPOSED, List.of(theirs), Optional.empty());
    Converge notAsked = decide(PLAIN, List.of(theirs), Optional.empty());

    assertThat(writesOf(asked, "Ingress")).isEmpty();
    assertThat(asked.notices()).singleElement().satisfies(n -> {
      assertThat(n.warning()).isTrue();
      assertThat(n.message()).startsWith("Ingress my-release-milvus exists and is not this Milvus's");
    });
    assertThat(writesOf(notAsked, "Ingress")).isEmpty();
    assertThat(notAsked.notices()).singleElement().satisfies(n ->
        assertThat(n.message()).contains("left as it is although the spec no longer has an ingress"));
  }

  @Test
  void anIngressOfAnEarlierMilvusOfTheSameNameIsNotThisOnes() {
    Ingress earlier = rendered(EXPOSED).ingress().orElseThrow();
    earlier.getMetadata().getOwnerReferences().get(0).setUid("uid-of-a-deleted-milvus");

    assertThat(OptionalObjects.controlledBy(earlier, EXPOSED)).isFalse();
    assertThat(OptionalObjects.controlledBy(rendered(EXPOSED).ingress().orElseThrow(), EXPOSED)).isTrue();
  }

  @Test
  void thePodMonitorThisMilvusMadeIsDeletedWhenMetricsAreTurnedOff() {
    GenericKubernetesResource ours = rendered(PLAIN).podMonitor().orElseThrow();

    assertThat(writesOf(decide(PLAIN, List.of(), Optional.of(ours)), MilvusPodMonitor.KIND)).singleElement()
        .satisfies(w -> assertThat(w.kind()).isEqualTo(Write.Kind.APPLY));
    Converge off = decide(METRICS_OFF, List.of(), Optional.of(ours));
    assertThat(writesOf(off, MilvusPodMonitor.KIND)).singleElement()
        .satisfies(w -> assertThat(w.kind()).isEqualTo(Write.Kind.DELETE));
    assertThat(WriteEvents.of(METRICS_OFF, off, List.of(new Written(writesOf(off, MilvusPodMonitor.KIND).get(0), ours,
        Written.Outcome.DELETED, List.of())))).extracting(Announcement::message)
        .containsExactly("Removed PodMonitor my-release: metrics are off (spec.components.disableMetric)");
  }

  @Test
  void aUsersPodMonitorOfTheSameNameIsLeftAlone() {
    GenericKubernetesResource theirs = rendered(PLAIN).podMonitor().orElseThrow();
    theirs.getMetadata().setOwnerReferences(null);

    assertThat(writesOf(decide(METRICS_OFF, List.of(), Optional.of(theirs)), MilvusPodMonitor.KIND)).isEmpty();
    assertThat(writesOf(decide(PLAIN, List.of(), Optional.of(theirs)), MilvusPodMonitor.KIND)).isEmpty();
  }

  static io.milvus.operator.render.DesiredState rendered(Milvus milvus) {
    RenderContext ctx = TestMilvus.context(milvus).with(PROMETHEUS);
    return MilvusRenderer.render(ctx);
  }

  static Converge decide(Milvus milvus, List<HasMetadata> cached, Optional<GenericKubernetesResource> podMonitor) {
    return (Converge) MilvusDecider.decide(MilvusDeciderTest.admitted(milvus), world(milvus, cached, podMonitor));
  }

  static MilvusWorld world(Milvus milvus, List<HasMetadata> cached, Optional<GenericKubernetesResource> podMonitor) {
    return new MilvusWorld(milvus, MilvusDeciderTest.INPUTS, MilvusDeciderTest.observed(true, Map.of()),
        CachedObjects.of(cached), MilvusDeciderTest.KEYS, MilvusDeciderTest.NOW, PROMETHEUS, podMonitor);
  }

  static List<Write> writesOf(Converge decision, String kind) {
    return decision.writes().stream().filter(w -> kind.equals(w.object().getKind())).toList();
  }
}
