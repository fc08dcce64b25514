package io.milvus.operator.adopt;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.Hashes;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.status.DeploymentProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure: which pod template a component Deployment gets, so that no pod restarts unless the user asked for a change.
 *
 * <p>A pod template this operator did not render for the current spec, in this release, is held as found: a Deployment
 * made by the Go operator (another container name, an init container, other volumes), or by an earlier release of this
 * operator (renamed volumes, new environment). The held template is recorded once in the annotation {@value
 * #HELD_TEMPLATE}, so drift repair restores that form after a hand edit. It is replaced by this operator's rendering
 * only when the user changes the spec ({@link SpecRevision}) and the rollout reaches the component, in dependency order
 * like any other change. Everything outside the pod template (replicas, strategy, labels, owner) is this operator's
 * at once: none of it restarts a pod. The selector is never changed ({@code ObjectApplier} keeps the live one).
 *
 * <p>Whether a live template is this release's rendering is known from {@value #TEMPLATE_HASH}, the hash of the
 * template as rendered, recorded with every rendered write.
 */
public final class TemplateHold {

  /** On a Deployment: the hash of the pod template this operator rendered and wrote. */
  public static final String TEMPLATE_HASH = "milvus.io/template-hash";
  /** On a Deployment: the pod template held as found (JSON), until a spec change moves it to this rendering. */
  public static final String HELD_TEMPLATE = "milvus.io/held-pod-template";

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private TemplateHold() {}

  /**
   * The revision the rollout planner should see for a live Deployment. One that carries no spec revision is seen for
   * the first time (adopted from the Go operator, or made by an earlier release): it is at the spec when it runs the
   * spec's image, so it is held; on another image (a takeover in the middle of the Go operator's rollout) it still has
   * to move, in order.
   */
  public static PodRevision observedRevision(Deployment live, PodRevision target) {
    PodRevision found = DeploymentProgress.revision(live);
    if (found.specRevision() == null) {
      return Objects.equals(found.image(), target.image()) ? target : found;
    }
    // a held template's config checksum is its maker's (the Go operator's formula, or an earlier release's user.yaml):
    // it is at the spec revision recorded with it, which is what counts
    return isHeld(live) ? found.withConfigChecksum(target.configChecksum()) : found;
  }

  /**
   * @param rendered this release's rendering for the revision the rollout gives the component in this step
   * @param live the Deployment as it exists, if it does
   * @return what to apply
   */
  public static Deployment desired(Deployment rendered, Optional<Deployment> live) {
    String renderedHash = templateHash(rendered.getSpec().getTemplate());
    if (live.isEmpty() || isMoving(rendered, live.get()) || renderedHash.equals(annotation(live.get(), TEMPLATE_HASH))) {
      Deployment ours = JSON.clone(rendered);
      annotations(ours).put(TEMPLATE_HASH, renderedHash);
      return ours;
    }
    Deployment found = live.get();
    PodTemplateSpec held = Optional.ofNullable(annotation(found, HELD_TEMPLATE))
        .map(json -> JSON.unmarshal(json, PodTemplateSpec.class))
        .orElseGet(() -> JSON.clone(found.getSpec().getTemplate()));
    Deployment kept = JSON.clone(rendered);
    kept.getSpec().setTemplate(held);
    Map<String, String> annotations = annotations(kept);
    annotations.put(HELD_TEMPLATE, JSON.asJson(held));
    Optional.ofNullable(annotation(found, TEMPLATE_HASH)).ifPresent(hash -> annotations.put(TEMPLATE_HASH, hash));
    return kept;
  }

  /** Whether the template is held as found (not this release's rendering for the current spec). */
  public static boolean isHeld(Deployment deployment) {
    return annotation(deployment, HELD_TEMPLATE) != null;
  }

  /**
   * The rollout moves this component now: rendered for another image than the found template runs (a spec change, or
   * the next hop of a planned upgrade path, which changes the image but not the spec), for another spec revision, or
   * for other values of the user's Secrets the pods read (a rotation).
   * The found template is the held one when there is one, so a hand edit of a held template's image is put back.
   */
  private static boolean isMoving(Deployment rendered, Deployment live) {
    String foundImage = Optional.ofNullable(annotation(live, HELD_TEMPLATE))
        .map(json -> JSON.unmarshal(json, PodTemplateSpec.class))
        .map(held -> imageOf(live, held))
        .orElseGet(() -> DeploymentProgress.templateImage(live));
    if (!Objects.equals(foundImage, DeploymentProgress.templateImage(rendered))) {
      return true;
    }
    return changed(live, rendered, ComponentDeployment.SPEC_REVISION)
        || changed(live, rendered, ComponentDeployment.SECRETS_CHECKSUM);
  }

  /** Recorded on the live Deployment, and another value rendered now (not recorded yet: the first sight, held). */
  private static boolean changed(Deployment live, Deployment rendered, String key) {
    String from = annotation(live, key);
    return from != null && !from.equals(annotation(rendered, key));
  }

  /** The Milvus image of a held template, found as in the live Deployment (whose labels name the component). */
  private static String imageOf(Deployment live, PodTemplateSpec held) {
    Deployment holding = JSON.clone(live);
    holding.getSpec().setTemplate(held);
    return DeploymentProgress.templateImage(holding);
  }

  static String templateHash(PodTemplateSpec template) {
    return Hashes.sha256(JSON.asJson(template));
  }

  private static String annotation(Deployment d, String key) {
    Map<String, String> annotations = d.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static Map<String, String> annotations(Deployment d) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (d.getMetadata().getAnnotations() != null) {
      annotations.putAll(d.getMetadata().getAnnotations());
    }
    d.getMetadata().setAnnotations(annotations);
    return annotations;
  }
}
