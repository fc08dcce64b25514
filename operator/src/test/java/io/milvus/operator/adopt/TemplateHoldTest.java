package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.DeploymentStrategies;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.render.RenderContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pod template is replaced only when the user's change reaches the component; otherwise it is held as found. */
class TemplateHoldTest {

  static final KubernetesSerialization JSON = new KubernetesSerialization();
  static final String V1 = "milvusdb/milvus:v2.5.16";
  static final String V2 = "milvusdb/milvus:v2.5.17";
  static final Milvus MILVUS = TestMilvus.withSpec("m", "mode: cluster\ncomponents: {image: " + V1 + "}\n");
  static final RenderContext CTX = TestMilvus.context(MILVUS);

  static Deployment rendered(String image, String specRevision) {
    return ComponentDeployment.render(CTX, MilvusComponent.PROXY,
        new PodRevision(image, null, specRevision),
        DeploymentStrategies.forComponent(CTX, MilvusComponent.PROXY, Map.of(), false), 600);
  }

  /** A Deployment as found: another operator's container name and no annotation of this one. */
  static Deployment foreign(String image) {
    return new DeploymentBuilder(rendered(image, null))
        .editMetadata().withAnnotations(Map.of()).endMetadata()
        .editSpec().editTemplate().editSpec().editFirstContainer().withName("proxy")
          .addToEnv(new EnvVar("GO_OPERATOR", "1", null)).endContainer().endSpec().endTemplate().endSpec()
        .build();
  }

  static String json(Deployment d) {
    return JSON.asJson(d.getSpec().getTemplate());
  }

  @Test
  void aDeploymentSeenForTheFirstTimeOnTheSpecsImageIsHeldAsFound() {
    Deployment found = foreign(V1);

    Deployment desired = TemplateHold.desired(rendered(V1, "r1"), Optional.of(found));

    assertThat(json(desired)).isEqualTo(json(found));
    assertThat(desired.getMetadata().getAnnotations()).containsEntry(ComponentDeployment.SPEC_REVISION, "r1")
        .containsKey(TemplateHold.HELD_TEMPLATE);
    assertThat(TemplateHold.observedRevision(found, new PodRevision(V1, "c", "r1")))
        .as("at the spec: nothing to roll").isEqualTo(new PodRevision(V1, "c", "r1"));
  }

  @Test
  void aHandEditOfAHeldTemplateIsPutBackToTheFoundForm() {
    Deployment adopted = TemplateHold.desired(rendered(V1, "r1"), Optional.of(foreign(V1)));
    Deployment edited = JSON.clone(adopted);
    edited.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else");

    Deployment desired = TemplateHold.desired(rendered(V1, "r1"), Optional.of(edited));

    assertThat(json(desired)).isEqualTo(json(foreign(V1)));
  }

  @Test
  void aSpecChangeReachingTheComponentMovesItToThisRendering() {
    Deployment adopted = TemplateHold.desired(rendered(V1, "r1"), Optional.of(foreign(V1)));
    Deployment rendered = rendered(V2, "r2");

    Deployment desired = TemplateHold.desired(rendered, Optional.of(adopted));

    assertThat(json(desired)).isEqualTo(json(rendered));
    assertThat(desired.getMetadata().getAnnotations()).doesNotContainKey(TemplateHold.HELD_TEMPLATE);
    assertThat(TemplateHold.observedRevision(adopted, new PodRevision(V2, null, "r2")).specRevision())
        .as("behind the spec: rolls in order").isEqualTo("r1");
  }

  @Test
  void aComponentTheRolloutHasNotReachedKeepsItsFoundTemplate() {
    Deployment adopted = TemplateHold.desired(rendered(V1, "r1"), Optional.of(foreign(V1)));

    // the planner keeps a pending component on the revision it runs
    Deployment desired = TemplateHold.desired(rendered(V1, "r1"), Optional.of(adopted));

    assertThat(json(desired)).isEqualTo(json(foreign(V1)));
  }

  @Test
  void aTakeoverInTheMiddleOfTheGoOperatorsRolloutFinishesIt() {
    Deployment found = foreign(V1);

    assertThat(TemplateHold.observedRevision(found, new PodRevision(V2, null, "r2")).image()).isEqualTo(V1);
    assertThat(json(TemplateHold.desired(rendered(V2, "r2"), Optional.of(found)))).isEqualTo(json(rendered(V2, "r2")));
  }

  @Test
  void thisReleasesOwnTemplateIsRestoredToItsRenderingAfterAHandEdit() {
    Deployment ours = TemplateHold.desired(rendered(V1, "r1"), Optional.empty());
    Deployment edited = JSON.clone(ours);
    edited.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else");

    Deployment desired = TemplateHold.desired(rendered(V1, "r1"), Optional.of(edited));

    assertThat(json(desired)).isEqualTo(json(rendered(V1, "r1")));
    assertThat(desired.getMetadata().getAnnotations()).doesNotContainKey(TemplateHold.HELD_TEMPLATE);
  }

  @Test
  void anEarlierReleasesTemplateIsHeldUntilTheSpecChanges() {
    Deployment earlier = JSON.clone(TemplateHold.desired(rendered(V1, "r1"), Optional.empty()));
    earlier.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new EnvVar("OLD", "1", null));
    earlier.getMetadata().getAnnotations().remove(TemplateHold.TEMPLATE_HASH);

    Deployment desired = TemplateHold.desired(rendered(V1, "r1"), Optional.of(earlier));

    assertThat(json(desired)).isEqualTo(json(earlier));
  }

  @Test
  void aHeldTemplatesOwnConfigChecksumDoesNotMakeItLookBehind() {
    Deployment found = foreign(V1);
    found.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(ComponentDeployment.CONFIG_CHECKSUM, "theirs"));
    Deployment adopted = TemplateHold.desired(rendered(V1, "r1"), Optional.of(found));

    assertThat(TemplateHold.observedRevision(adopted, new PodRevision(V1, "ours", "r1")))
        .as("at the spec it was adopted at").isEqualTo(new PodRevision(V1, "ours", "r1"));
  }

  @Test
  void aRotationOfTheSecretsThePodsReadMovesTheTemplate() {
    Deployment ours = TemplateHold.desired(rendered(V1, "r1", "s1"), Optional.empty());
    Deployment adopted = TemplateHold.desired(rendered(V1, "r1", "s1"), Optional.of(foreign(V1)));

    assertThat(json(TemplateHold.desired(rendered(V1, "r1", "s2"), Optional.of(ours))))
        .isEqualTo(json(rendered(V1, "r1", "s2")));
    assertThat(TemplateHold.observedRevision(adopted, new PodRevision(V1, null, "r1", "s2")).secretsChecksum())
        .as("a held template records the values it was adopted at").isEqualTo("s1");
    assertThat(json(TemplateHold.desired(rendered(V1, "r1", "s2"), Optional.of(adopted))))
        .as("and moves when they change").isEqualTo(json(rendered(V1, "r1", "s2")));
    assertThat(json(TemplateHold.desired(rendered(V1, "r1", "s1"), Optional.of(adopted))))
        .as("not before").isEqualTo(json(foreign(V1)));
  }

  static Deployment rendered(String image, String specRevision, String secrets) {
    return ComponentDeployment.render(CTX, MilvusComponent.PROXY, new PodRevision(image, null, specRevision, secrets),
        DeploymentStrategies.forComponent(CTX, MilvusComponent.PROXY, Map.of(), false), 600);
  }
}
