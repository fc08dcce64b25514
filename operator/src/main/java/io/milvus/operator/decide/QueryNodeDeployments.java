package io.milvus.operator.decide;

import io.milvus.operator.api.Serialization;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.OwnedFields;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.QueryNodeGroups;
import io.milvus.operator.rollout.QueryNodeGroups.Group;
import io.milvus.operator.rollout.QueryNodeGroups.GroupPlan;
import io.milvus.operator.rollout.QueryNodeGroups.Legacy;
import io.milvus.operator.rollout.QueryNodeGroups.Step;
import io.milvus.operator.rollout.QueryNodeGroups.Template;
import io.milvus.operator.status.DeploymentProgress;
import io.milvus.operator.status.LiveQueryNodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure: queryNode's Deployments in rolling mode 2. From the queryNode Deployment rendered for this step of the rollout
 * (its template is the target) and the queryNode Deployments that exist, the group Deployments to write, the single
 * Deployment of an earlier release to delete, and the marks to keep on the Milvus.
 */
public final class QueryNodeDeployments {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;
  /** Annotations that describe a Deployment's pod template: they follow the template, not the spec. */
  private static final List<String> TEMPLATE_MARKS = List.of(ComponentDeployment.SPEC_REVISION,
      ComponentDeployment.SECRETS_CHECKSUM,
      TemplateHold.TEMPLATE_HASH, TemplateHold.HELD_TEMPLATE, QueryNodeGroups.GENERATION);

  private QueryNodeDeployments() {}

  /**
   * @param apply the Deployments to create or update, in order
   * @param delete the earlier release's single Deployment, once group 0 has taken over
   * @param annotations Milvus annotations to set
   * @param labels Milvus labels to set; a null value removes the label
   * @param serving the name of the Deployment that serves after this step
   */
  public record Writes(List<Deployment> apply, Optional<Deployment> delete, Map<String, String> annotations,
      Map<String, String> labels, String serving, Step step) {}

  /**
   * @param rendered the single queryNode Deployment for this step: {@link ComponentDeployment}'s rendering, or the
   *     serving template held as found ({@code adopt.TemplateHold}) until the user changes the spec
   * @param generation the Milvus's metadata.generation: marks the group a template was written from, and the rollout
   * @param rollingId the Milvus's rolling label as it is, if any (kept while the same rollout goes on)
   */
  public static Writes plan(RenderContext ctx, Deployment rendered, LiveQueryNodes live, boolean force,
      long generation, Optional<String> rollingId) {
    PodTemplateSpec target = rendered.getSpec().getTemplate();
    Map<Integer, Group> groups = new LinkedHashMap<>();
    live.groups().forEach((id, d) -> groups.put(id, facts(d, target)));
    Integer replicas = rendered.getSpec().getReplicas();
    Step step = QueryNodeGroups.plan(new QueryNodeGroups.Input(live.legacy().map(d -> facts(d, target)), groups,
        live.annotated(), live.rolling(), replicas == null ? OptionalInt.empty() : OptionalInt.of(replicas), force));

    if (step.legacy() == Legacy.ALONE) {
      return new Writes(List.of(rendered), Optional.empty(), Map.of(), Map.of(), rendered.getMetadata().getName(),
          step);
    }
    List<Deployment> apply = new ArrayList<>();
    step.groups().forEach((id, plan) -> apply.add(group(ctx, rendered, id, plan,
        Optional.ofNullable(live.groups().get(id)), generation)));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(QueryNodeGroups.ROLLING_ID, step.rolling() ? rollingId.orElse(Long.toString(generation)) : null);
    return new Writes(apply, step.legacy() == Legacy.DELETE ? live.legacy() : Optional.empty(),
        Map.of(QueryNodeGroups.CURRENT_GROUP, Integer.toString(step.current())), labels,
        Names.queryNodeGroup(ctx.name(), step.current()), step);
  }

  /**
   * Group {@code id}'s Deployment: the rendered one, named for the group, whose selector, labels and pods carry the
   * group id, with the template and replicas the step gives it.
   */
  static Deployment group(RenderContext ctx, Deployment rendered, int id, GroupPlan plan, Optional<Deployment> live,
      long generation) {
    Deployment d = JSON.clone(rendered);
    String groupId = Integer.toString(id);
    d.getMetadata().setName(Names.queryNodeGroup(ctx.name(), id));
    d.getMetadata().getLabels().put(QueryNodeGroups.GROUP_ID, groupId);
    d.getSpec().getSelector().getMatchLabels().put(QueryNodeGroups.GROUP_ID, groupId);
    Template template = plan.template() == Template.KEEP && live.isEmpty() ? Template.IDLE : plan.template();
    switch (template) {
      case KEEP -> {
        PodTemplateSpec kept = live.get().getSpec().getTemplate();
        if (!holds(kept, rendered.getSpec().getTemplate())) {
          // an old or idle template: its marks stay those it was written with, not the current spec's
          marks(d, live.get().getMetadata().getAnnotations());
        }
        d.getSpec().setTemplate(JSON.clone(kept));
      }
      case IDLE -> {
        marks(d, Map.of());
        String dummy = ctx.spec().getComponents().getDummyImage();
        d.getSpec().getTemplate().getSpec().getContainers().get(0)
            .setImage(dummy == null || dummy.isBlank() ? QueryNodeGroups.DEFAULT_IDLE_IMAGE : dummy);
      }
      case TARGET -> {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (d.getMetadata().getAnnotations() != null) {
          annotations.putAll(d.getMetadata().getAnnotations());
        }
        annotations.put(QueryNodeGroups.GENERATION, Long.toString(generation));
        d.getMetadata().setAnnotations(annotations);
      }
    }
    Map<String, String> podLabels = new LinkedHashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
    podLabels.put(QueryNodeGroups.GROUP_ID, groupId);
    d.getSpec().getTemplate().getMetadata().setLabels(podLabels);
    d.getSpec().setReplicas(plan.replicas().isPresent() ? Integer.valueOf(plan.replicas().getAsInt()) : null);
    return d;
  }

  /**
   * Sets the annotations that say which spec and template a Deployment's pods were written from to {@code from}'s
   * values (absent there: absent here).
   */
  private static void marks(Deployment d, Map<String, String> from) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (d.getMetadata().getAnnotations() != null) {
      annotations.putAll(d.getMetadata().getAnnotations());
    }
    for (String key : TEMPLATE_MARKS) {
      String value = from == null ? null : from.get(key);
      if (value == null) {
        annotations.remove(key);
      } else {
        annotations.put(key, value);
      }
    }
    d.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
  }

  /** The facts the planner needs of a queryNode Deployment, against the target template. */
  static Group facts(Deployment d, PodTemplateSpec target) {
    int pods = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
    return new Group(DeploymentProgress.desiredReplicas(d), pods, holds(d.getSpec().getTemplate(), target),
        DeploymentProgress.isComplete(d));
  }

  /**
   * Whether a live template holds the target: every field the target sets has its value there (what the API server
   * defaults, and the group id label, do not count), as the applier compares an object's owned fields.
   */
  static boolean holds(PodTemplateSpec live, PodTemplateSpec target) {
    return OwnedFields.differences(JSON.convertValue(target, JsonNode.class), JSON.convertValue(live, JsonNode.class))
        .isEmpty();
  }
}
