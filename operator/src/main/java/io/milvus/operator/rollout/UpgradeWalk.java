package io.milvus.operator.rollout;

import io.milvus.operator.api.Serialization;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pure: where this reconcile takes a Milvus on its way to the requested image. The effective image is a function of
 * the version Milvus last ran healthy, the images its component Deployments run, the requested image, the rules and
 * the annotations only; the walk's progress is the running version itself (status.currentImage, which advances only
 * once a hop is Ready and Updated), so an operator restarted at any point resumes the same hop and never runs one
 * twice, and a target changed during a hop never takes the components it moved back half-way.
 *
 * @param plan the hops still to run (the first is this reconcile's), or why the move is refused
 * @param images the image of each planned hop, in the plan's order
 * @param effectiveImage the image the components move to now
 * @param overriddenRefusal the refusal that {@code milvus.io/allow-unsafe-upgrade} (warned about) or a MilvusUpgrade's
 *     migration (told as planned) let through
 */
public record UpgradeWalk(Optional<MilvusVersion> target, UpgradePlan plan, List<String> images,
    String effectiveImage, PathPolicy policy, Optional<String> overriddenRefusal) {

  /**
   * @param requestedImage the spec's image, or the image the operator defaults it to
   * @param requestedVersion the spec's {@code components.version}, if any (it wins over the image's tag)
   * @param runningImage {@code status.currentImage}: the last image Milvus ran ready and updated, null if never
   * @param policy what {@code milvus.io/upgrade-path} chose ({@link PathPolicy#DEFAULT} when absent)
   * @param unsafe {@code milvus.io/allow-unsafe-upgrade: "true"}: jump straight to the requested image
   * @param metadataMigrated a MilvusUpgrade migrated the metadata and now drives the Milvus: only required hops
   * @param separateCoordinators the cluster runs root/data/query/index coordinators as their own Deployments
   * @param deployedImages the images of the component Deployments' pod templates: where they differ from the running
   *     image, a hop is in progress and those components already moved
   */
  public record Input(String requestedImage, String requestedVersion, String runningImage, PathPolicy policy,
      boolean unsafe, boolean metadataMigrated, boolean separateCoordinators, List<String> deployedImages) {

    public Input {
      deployedImages = List.copyOf(deployedImages);
    }
  }

  public static UpgradeWalk of(UpgradePaths rules, Input in) {
    Optional<MilvusVersion> target = MilvusVersion.of(in.requestedVersion(), in.requestedImage());
    Optional<MilvusVersion> running = MilvusVersion.fromImage(in.runningImage());
    // the annotation is ignored while a MilvusUpgrade drives the Milvus: it walks the required hops only
    PathPolicy policy = in.metadataMigrated() ? PathPolicy.REQUIRED : in.policy();
    if (target.isEmpty() || running.isEmpty()) {
      // a new Milvus, or a tag that names no version: nothing to plan, the image is used as written
      return new UpgradeWalk(target, UpgradePlan.nothingToDo(), List.of(), in.requestedImage(), policy,
          Optional.empty());
    }
    PathPlanner.Request request = new PathPlanner.Request(running.get(), target.get(), policy,
        in.separateCoordinators(), in.metadataMigrated());
    Optional<String> moved = movedImage(in.deployedImages(), running.get());
    UpgradePlan plan = moved.isPresent() && !in.metadataMigrated()
        ? PathPlanner.replan(rules, request, MilvusVersion.fromImage(moved.get()).orElseThrow())
        : PathPlanner.plan(rules, request);
    if (in.unsafe() && !in.metadataMigrated()) {
      Optional<String> refused = PathPlanner.plan(rules, new PathPlanner.Request(running.get(), target.get(),
          PathPolicy.REFUSE, false, false)).refusal();
      return direct(target.get(), running.get(), in.requestedImage(), policy, refused);
    }
    List<String> images = plan.hops().stream()
        .map(hop -> imageOf(rules, hop, target.get(), running.get(), moved, in)).toList();
    // after a MilvusUpgrade the migration rule is met, not broken: told as such with the components it rolls
    Optional<String> migrated = in.metadataMigrated() ? PathPlanner.plan(rules, new PathPlanner.Request(running.get(),
        target.get(), PathPolicy.REFUSE, false, false)).refusal() : Optional.empty();
    return new UpgradeWalk(target, plan, images, images.isEmpty() ? in.requestedImage() : images.get(0), policy,
        migrated);
  }

  /** Straight to the requested image, as an expert asked. */
  private static UpgradeWalk direct(MilvusVersion target, MilvusVersion running, String image, PathPolicy policy,
      Optional<String> overridden) {
    UpgradePlan plan = target.equals(running) ? UpgradePlan.nothingToDo()
        : new UpgradePlan(List.of(Hop.rolling(target)), Optional.empty(), target.compareTo(running) < 0);
    return new UpgradeWalk(Optional.of(target), plan, plan.hops().isEmpty() ? List.of() : List.of(image), image, policy,
        overridden);
  }

  /**
   * The image a hop runs: the requested one for the last hop, the running one for a change of shape in place or a
   * way back, the moved components' one for the hop in progress.
   */
  private static String imageOf(UpgradePaths rules, Hop hop, MilvusVersion target, MilvusVersion running,
      Optional<String> moved, Input in) {
    if (hop.version().equals(target)) {
      return in.requestedImage();
    }
    if (hop.version().equals(running)) {
      return in.runningImage();
    }
    return moved.filter(image -> MilvusVersion.fromImage(image).filter(hop.version()::equals).isPresent())
        .orElseGet(() -> rules.hopImage(hop.version(), in.requestedImage()));
  }

  /**
   * The image of the components a hop in progress already moved: of those whose version differs from the running
   * one, the farthest from it (a newer one when some are newer).
   */
  private static Optional<String> movedImage(List<String> deployed, MilvusVersion running) {
    List<String> moved = deployed.stream()
        .filter(image -> MilvusVersion.fromImage(image).filter(v -> !v.equals(running)).isPresent()).toList();
    Comparator<String> byVersion = Comparator.comparing(image -> MilvusVersion.fromImage(image).orElseThrow());
    Optional<String> newest = moved.stream().max(byVersion);
    return newest.filter(image -> MilvusVersion.fromImage(image).orElseThrow().compareTo(running) > 0)
        .or(() -> moved.stream().min(byVersion));
  }

  public Optional<String> refusal() {
    return plan.refusal();
  }

  /** Whether more than the requested image's own rollout is planned: intermediate hops or a change of shape. */
  public boolean multiHop() {
    return plan.hops().size() > 1;
  }

  /** Whether this reconcile replaces separate coordinators by one mixCoord. */
  public boolean mergingCoordinators() {
    return plan.current().map(h -> h.step() == Hop.Step.MIX_COORD).orElse(false);
  }

  /**
   * The spec this reconcile renders: the user's, with the hop's image, and one mixCoord in place of separate
   * coordinators during that step. The user's spec itself is never changed.
   */
  public MilvusSpec effectiveSpec(MilvusSpec requested) {
    if (!multiHop() && !mergingCoordinators()) {
      return requested;
    }
    MilvusSpec spec = Serialization.KUBERNETES.clone(requested);
    MilvusComponents c = spec.getComponents() == null ? new MilvusComponents() : spec.getComponents();
    spec.setComponents(c);
    c.setImage(effectiveImage);
    if (c.getVersion() != null && !c.getVersion().isBlank()) {
      c.setVersion(plan.current().map(h -> h.version().toString()).orElse(c.getVersion()));
    }
    if (mergingCoordinators()) {
      c.setRootCoord(null);
      c.setDataCoord(null);
      c.setQueryCoord(null);
      c.setIndexCoord(null);
    }
    return spec;
  }
}
