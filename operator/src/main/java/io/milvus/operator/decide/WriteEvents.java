package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.status.DeploymentProgress;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Pure: the Events that tell what the writes of a reconcile changed, and which components they roll or remove. */
public final class WriteEvents {

  private WriteEvents() {}

  /**
   * The Events for these writes: one per kind of change (Created, Restored, Updated) naming every object it concerns,
   * so a Milvus's first reconcile costs one Event rather than one per object; then one per component rolled or
   * removed. (The reconciler also tells them for the writes made before one failed.)
   */
  public static List<Announcement> of(Milvus milvus, Converge decision, List<Written> written) {
    List<String> created = new ArrayList<>();
    List<Change> restored = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<Announcement> components = new ArrayList<>();
    for (Written w : written) {
      String what = w.object().getKind() + " " + w.object().getMetadata().getName();
      switch (w.outcome()) {
        case UNCHANGED -> { }
        case DELETED -> components.add(w.write().component().map(c -> retired(w.object(), c))
            .orElseGet(() -> w.object() instanceof Deployment ? replaced(w.object()) : removed(w.object())));
        case CREATED -> {
          if (w.write().restoresDeleted()) {
            // made again for a Milvus whose objects were all made for this spec: it was deleted by hand
            restored.add(new Change(what, ", which was deleted", " (deleted)"));
          } else {
            created.add(what);
          }
        }
        case RESTORED -> {
          String fields = String.join(", ", w.restored());
          restored.add(new Change(what, ": " + fields + " had been changed by hand",
              " (" + fields + " changed by hand)"));
        }
        case UPDATED -> updated.add(what);
      }
      Optional<HasMetadata> before = w.write().current();
      if (w.outcome() != Written.Outcome.DELETED && w.write().component().isPresent() && before.isPresent()) {
        String oldImage = DeploymentProgress.templateImage((Deployment) before.get());
        String newImage = DeploymentProgress.templateImage((Deployment) w.object());
        if (!Objects.equals(newImage, oldImage)) {
          components.addAll(rolled(milvus, w.write().component().get(), oldImage, newImage, decision.plan(),
              decision.overriddenRefusal()));
        }
      }
    }
    List<Announcement> events = new ArrayList<>();
    summary("Created", created).ifPresent(events::add);
    if (restored.size() == 1) {
      events.add(new Announcement(false, "Restored", "Restored " + restored.get(0).what() + restored.get(0).alone()));
    } else if (!restored.isEmpty()) {
      events.add(new Announcement(false, "Restored", "Restored " + restored.size() + " objects: "
          + restored.stream().map(c -> c.what() + c.inList()).collect(Collectors.joining(", "))));
    }
    summary("Updated", updated).ifPresent(events::add);
    events.addAll(components);
    return events;
  }

  /** An object put back, told alone ({@code alone}) or in a list ({@code inList}). */
  private record Change(String what, String alone, String inList) {}

  private static Optional<Announcement> summary(String verb, List<String> objects) {
    if (objects.isEmpty()) {
      return Optional.empty();
    }
    String message = objects.size() == 1 ? verb + " " + objects.get(0)
        : verb + " " + objects.size() + " objects: " + String.join(", ", objects);
    return Optional.of(new Announcement(false, verb, message));
  }

  /** An earlier release's single queryNode Deployment, removed once rolling mode 2's group 0 serves. */
  private static Announcement replaced(HasMetadata old) {
    return new Announcement(false, "RemovedComponent", "Removed Deployment " + old.getMetadata().getName()
        + ": queryNode group 0 has taken over (rolling mode 2)");
  }

  private static List<Announcement> rolled(Milvus milvus, MilvusComponent component, String from, String to,
      RolloutPlan plan, Optional<String> overridden) {
    List<Announcement> events = new ArrayList<>();
    String order = plan.oneAtATime() ? " (in " + plan.order() + "; next: "
        + (plan.pending().isEmpty() ? "none" : plan.pending().stream().map(MilvusComponent::label)
            .collect(Collectors.joining(", "))) + ")" : "";
    events.add(new Announcement(false, "RollingComponent", "Replacing " + component.label() + " pods: "
        + imageOrForeign(from) + " -> " + imageOrForeign(to) + order
        + plan.explanation().map(e -> ". " + e).orElse("")));
    String migratedBy = MilvusDecider.annotation(milvus, MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY);
    if (migratedBy != null) {
      // The MilvusUpgrade migrated the metadata: the jump the rules refuse for a plain image change is safe now.
      overridden.ifPresent(refusal -> events.add(new Announcement(false, "MetadataMigrated",
          "Moving to " + to + " after MilvusUpgrade " + migratedBy + " migrated the metadata")));
    } else {
      overridden.ifPresent(refusal -> events.add(new Announcement(true, "UnsafeUpgradeAllowed",
          "Proceeding although refused, because of the annotation " + MilvusAnnotations.ALLOW_UNSAFE_UPGRADE + ": "
              + refusal)));
    }
    return events;
  }

  /** A pod template made by someone else may have no container of ours: say so rather than "null". */
  private static String imageOrForeign(String image) {
    return image == null ? "(a pod template without a " + ComponentDeployment.CONTAINER + " container)" : image;
  }

  /** An Ingress or PodMonitor the spec no longer asks for. */
  private static Announcement removed(HasMetadata old) {
    return new Announcement(false, "Removed", "Removed " + old.getKind() + " " + old.getMetadata().getName() + ": "
        + OptionalObjects.whyRemoved(old));
  }

  private static Announcement retired(HasMetadata old, MilvusComponent component) {
    return new Announcement(false, "RemovedComponent", "Removed Deployment " + old.getMetadata().getName() + ": "
        + component.label() + " does not run in this version of Milvus");
  }
}
