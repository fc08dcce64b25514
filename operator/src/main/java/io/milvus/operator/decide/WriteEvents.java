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

  /** The Events for these writes (the reconciler also tells them for the writes made before one failed). */
  public static List<Announcement> of(Milvus milvus, Converge decision, List<Written> written) {
    List<Announcement> events = new ArrayList<>();
    for (Written w : written) {
      if (w.outcome() == Written.Outcome.DELETED) {
        events.add(retired(w.object(), w.write().component().orElseThrow()));
        continue;
      }
      change(w).ifPresent(events::add);
      Optional<HasMetadata> before = w.write().current();
      if (w.write().component().isPresent() && before.isPresent()) {
        String oldImage = DeploymentProgress.templateImage((Deployment) before.get());
        String newImage = DeploymentProgress.templateImage((Deployment) w.object());
        if (!Objects.equals(newImage, oldImage)) {
          events.addAll(rolled(milvus, w.write().component().get(), oldImage, newImage, decision.plan(),
              decision.overriddenRefusal()));
        }
      }
    }
    return events;
  }

  /**
   * An object made again for a Milvus whose objects were all made for this spec was deleted by hand, and one whose
   * owned fields differed was edited: both are told as restored.
   */
  private static Optional<Announcement> change(Written w) {
    HasMetadata object = w.object();
    String what = object.getKind() + " " + object.getMetadata().getName();
    return switch (w.outcome()) {
      case UNCHANGED, DELETED -> Optional.empty();
      case CREATED -> Optional.of(w.write().restoresDeleted()
          ? new Announcement(false, "Restored", "Restored " + what + ", which was deleted")
          : new Announcement(false, "Created", "Created " + what));
      case RESTORED -> Optional.of(new Announcement(false, "Restored",
          "Restored " + what + ": " + String.join(", ", w.restored()) + " had been changed by hand"));
      case UPDATED -> Optional.of(new Announcement(false, "Updated", "Updated " + what));
    };
  }

  private static List<Announcement> rolled(Milvus milvus, MilvusComponent component, String from, String to,
      RolloutPlan plan, Optional<String> overridden) {
    List<Announcement> events = new ArrayList<>();
    String order = plan.oneAtATime() ? " (in dependency order; next: "
        + (plan.pending().isEmpty() ? "none" : plan.pending().stream().map(MilvusComponent::label)
            .collect(Collectors.joining(", "))) + ")" : "";
    events.add(new Announcement(false, "RollingComponent", "Replacing " + component.label() + " pods: "
        + imageOrForeign(from) + " -> " + imageOrForeign(to) + order + plan.explanation().map(e -> ". " + e).orElse("")));
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

  private static Announcement retired(HasMetadata old, MilvusComponent component) {
    return new Announcement(false, "RemovedComponent", "Removed Deployment " + old.getMetadata().getName() + ": "
        + component.label() + " does not run in this version of Milvus");
  }
}
