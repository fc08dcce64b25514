package io.milvus.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.ComponentDeployStatus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.decide.MilvusDecision.Converge;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.ObservedState;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Milvus decision, one row per story: a Milvus and what the operator observes → refused or admitted, the writes
 * in order, and what the reconcile tells (status, Events) once the writes are made.
 */
class MilvusDeciderTest {

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final MilvusInputs INPUTS = new MilvusInputs(OperatorDefaults.standard(), UpgradePaths.standard(),
      Duration.ofMinutes(10), Duration.ofSeconds(15));
  static final StorageKeys KEYS = new StorageKeys("access", "secret");
  static final String IMAGE = "milvusdb/milvus:v2.4.23";

  // ---- admission: refused before anything is observed, or admitted

  /**
   * @param refusedWith the SpecValid reason of a refusal, or null when admitted
   * @param warns whether a Warning is recorded (only when the problem is news)
   */
  record Admit(String story, Milvus milvus, String refusedWith, boolean warns, boolean overridden) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Stream<Admit> admissions() {
    Milvus invalid = milvus("mode: distributed");
    Milvus unbuildable = milvus("""
        mode: cluster
        components: {image: 'milvusdb/milvus:v2.4.23'}
        dependencies:
          pulsar: {inCluster: {values: {bookkeeper: {replicaCount: 0}}}}
        """);
    Milvus jump = jump();
    return Stream.of(
        new Admit("a valid spec is admitted", seed(), null, false, false),
        new Admit("an invalid spec is refused with a Warning", invalid, Conditions.REASON_SPEC_INVALID, true, false),
        new Admit("the same invalid spec again: no second Warning", refusedBefore(milvus("mode: distributed")),
            Conditions.REASON_SPEC_INVALID, false, false),
        new Admit("in-cluster values that cannot be built are refused", unbuildable, Conditions.REASON_SPEC_INVALID,
            true, false),
        new Admit("a version jump Milvus does not support is refused", jump, Conditions.REASON_UPGRADE_REFUSED, true,
            false),
        new Admit("an upgrade-path value the operator does not take is refused as such, whatever the spec asks",
            annotated(seed(), MilvusAnnotations.UPGRADE_PATH, "fastest"), Conditions.REASON_ANNOTATION_INVALID, true,
            false),
        new Admit("an unknown upgrade-path value is refused even with the unsafe-upgrade annotation",
            annotated(annotated(jump(), MilvusAnnotations.UPGRADE_PATH, "skip"), MilvusAnnotations.ALLOW_UNSAFE_UPGRADE,
                "true"), Conditions.REASON_ANNOTATION_INVALID, true, false),
        new Admit("the same jump with the unsafe-upgrade annotation is admitted, the refusal kept to be told",
            annotated(jump(), MilvusAnnotations.ALLOW_UNSAFE_UPGRADE, "true"), null, false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admissions")
  void admission(Admit row) {
    Admission admission = MilvusDecider.admit(row.milvus(), INPUTS, NOW);

    if (row.refusedWith() == null) {
      assertThat(admission).isInstanceOf(Admission.Admitted.class);
      assertThat(((Admission.Admitted) admission).overriddenRefusal().isPresent()).isEqualTo(row.overridden());
      return;
    }
    Report report = ((Refused) admission).report();
    MilvusStatus status = report.status().orElse(row.milvus().getStatus());
    assertThat(condition(status, Conditions.SPEC_VALID).getReason()).isEqualTo(row.refusedWith());
    assertThat(condition(status, Conditions.SPEC_VALID).getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(report.events()).hasSize(row.warns() ? 1 : 0).allMatch(Announcement::warning);
    assertThat(report.status().isPresent()).as("status written").isEqualTo(row.warns());
    if (Conditions.REASON_UPGRADE_REFUSED.equals(row.refusedWith())) {
      assertThat(condition(status, Conditions.MILVUS_UPDATED).getStatus()).isEqualTo(Conditions.FALSE);
    }
    if (Conditions.REASON_ANNOTATION_INVALID.equals(row.refusedWith())) {
      assertThat(condition(status, Conditions.SPEC_VALID).getMessage())
          .contains(MilvusAnnotations.UPGRADE_PATH, "recommended", "required", "refuse")
          .doesNotContain(MilvusAnnotations.ALLOW_UNSAFE_UPGRADE);
      assertThat(report.events()).allSatisfy(e -> assertThat(e.reason()).isEqualTo(row.refusedWith()));
    }
  }

  @Test
  void aRequestSeveralVersionsAwayIsAdmittedOnItsFirstHopAndTheRunningQueueIsKept() {
    Milvus far = ran(milvus("components: {image: 'milvusdb/milvus:v2.6.11'}"), "milvusdb/milvus:v2.4.5");

    Admission.Admitted admitted = (Admission.Admitted) MilvusDecider.admit(far, INPUTS,
        new RunningMilvus(Optional.of("rocksmq"), false), NOW);

    assertThat(admitted.ctx().spec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(admitted.ctx().spec().getDependencies().getMsgStreamType()).isEqualTo("rocksmq");
    assertThat(admitted.walk().plan().hops()).hasSize(3);
    assertThat(far.getSpec().getComponents().getImage()).as("the user's spec is not written")
        .isEqualTo("milvusdb/milvus:v2.6.11");
  }

  @Test
  void aComponentPinnedToAnImageOfItsOwnIsNotTakenForAHopInProgress() {
    Milvus pinned = ran(milvus("mode: cluster\ncomponents: {image: 'milvusdb/milvus:v2.5.26', "
        + "proxy: {image: 'milvusdb/milvus:v2.4.23'}}"), "milvusdb/milvus:v2.5.16");
    RunningMilvus running = new RunningMilvus(Optional.of("pulsar"), false, List.of(
        new RunningMilvus.Deployed(MilvusComponent.MIX_COORD, "milvusdb/milvus:v2.5.16"),
        new RunningMilvus.Deployed(MilvusComponent.PROXY, "milvusdb/milvus:v2.4.23")));

    Admission.Admitted admitted = (Admission.Admitted) MilvusDecider.admit(pinned, INPUTS, running, NOW);

    assertThat(admitted.walk().plan().hops()).as("the pinned proxy's older image is no hop to go back to")
        .extracting(Object::toString).containsExactly("v2.5.26");
    assertThat(admitted.ctx().spec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.5.26");
  }

  @Test
  void aNewMilvusNamingNoImageGetsUpstreamsDefaultAndItsQueue() {
    Admission.Admitted admitted = (Admission.Admitted) MilvusDecider.admit(milvus("{}"), INPUTS, NOW);

    assertThat(admitted.ctx().spec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.6.11");
    assertThat(admitted.ctx().spec().getDependencies().getMsgStreamType()).isEqualTo("woodpecker");
  }

  @Test
  void aRunningMilvusNamingNoImageKeepsItsImageAndQueue() {
    Milvus old = ran(milvus("{}"), "milvusdb/milvus:v2.4.23");

    Admission.Admitted admitted = (Admission.Admitted) MilvusDecider.admit(old, INPUTS,
        new RunningMilvus(Optional.of("rocksmq"), false), NOW);

    assertThat(admitted.ctx().spec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(admitted.ctx().spec().getDependencies().getMsgStreamType()).isEqualTo("rocksmq");
    assertThat(admitted.walk().plan().hops()).isEmpty();
  }

  // ---- the writes

  record Writes(String story, Milvus milvus, ObservedState observed, List<HasMetadata> cached, List<String> writes,
      List<String> missing) {
    @Override
    public String toString() {
      return story;
    }
  }

  static final List<String> DEPENDENCIES = List.of(
      "APPLY Service my-release-etcd-headless", "APPLY Service my-release-etcd", "APPLY StatefulSet my-release-etcd",
      "APPLY Service my-release-minio", "APPLY StatefulSet my-release-minio");

  static Stream<Writes> writes() {
    Milvus healthy = ran(seed(), IMAGE);
    return Stream.of(
        new Writes("a new Milvus: its Secret, dependencies, ConfigMap, data claim and Service; Milvus waits",
            seed(), observed(false, Map.of()), List.of(),
            concat(List.of("CREATE_IF_ABSENT Secret my-release-minio"), DEPENDENCIES, List.of(
                "APPLY ConfigMap my-release", "CREATE_OR_GROW PersistentVolumeClaim my-release-data",
                "APPLY Service my-release-milvus")), List.of()),
        new Writes("dependencies ready: the Deployment is written too", seed(), observed(true, Map.of()), List.of(),
            concat(List.of("CREATE_IF_ABSENT Secret my-release-minio"), DEPENDENCIES, List.of(
                "APPLY ConfigMap my-release", "CREATE_OR_GROW PersistentVolumeClaim my-release-data",
                "APPLY Service my-release-milvus", "APPLY Deployment my-release-milvus-standalone")), List.of()),
        new Writes("a Milvus that has run lost its MinIO Secret: reported, not generated again", healthy,
            observed(true, Map.of(MilvusComponent.STANDALONE, deployment(IMAGE))), List.of(pvc()),
            concat(DEPENDENCIES, List.of("APPLY ConfigMap my-release",
                "CREATE_OR_GROW PersistentVolumeClaim my-release-data", "APPLY Service my-release-milvus")),
            List.of("StorageSecretMissing")),
        new Writes("a Milvus that has run lost its data claim: reported, not made again empty", healthy,
            observed(true, Map.of(MilvusComponent.STANDALONE, deployment(IMAGE))), List.of(secret()),
            concat(List.of("CREATE_IF_ABSENT Secret my-release-minio"), DEPENDENCIES, List.of(
                "APPLY ConfigMap my-release", "APPLY Service my-release-milvus")),
            List.of("DataVolumeMissing")),
        new Writes("a component this mode does not run is retired after the others", seed(),
            observed(true, Map.of(MilvusComponent.STANDALONE, deployment(IMAGE),
                MilvusComponent.PROXY, deployment(IMAGE, "my-release-milvus-proxy"))), List.of(secret(), pvc()),
            concat(List.of("CREATE_IF_ABSENT Secret my-release-minio"), DEPENDENCIES, List.of(
                "APPLY ConfigMap my-release", "CREATE_OR_GROW PersistentVolumeClaim my-release-data",
                "APPLY Service my-release-milvus", "APPLY Deployment my-release-milvus-standalone",
                "DELETE Deployment my-release-milvus-proxy")), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void writesInOrder(Writes row) {
    Converge decision = converge(row.milvus(), row.observed(), row.cached());

    assertThat(decision.writes()).extracting(w -> w.kind() + " " + w.object().getKind() + " "
        + w.object().getMetadata().getName()).containsExactlyElementsOf(row.writes());
    assertThat(decision.observed().missingData().values()).extracting(MilvusCondition::getReason)
        .containsExactlyInAnyOrderElementsOf(row.missing());
  }

  @Test
  void aNewDeploymentWhoseReplicasAreLeftToAnAutoscalerStartsWithOnePod() {
    Milvus autoscaled = milvus("components: {image: 'milvusdb/milvus:v2.4.23', standalone: {replicas: -1}}");

    Converge decision = converge(autoscaled, observed(true, Map.of()), List.of());

    Deployment written = (Deployment) decision.writes().get(decision.writes().size() - 1).object();
    assertThat(written.getSpec().getReplicas()).isEqualTo(1);
  }

  // ---- what the reconcile tells once the writes are made

  /**
   * @param outcomes what the API server did with each write, by "Kind name" or name (absent: created if new, else
   *     unchanged)
   * @param events the expected Events: reason, then parts of the message
   */
  record Tells(String story, Milvus milvus, ObservedState observed, List<HasMetadata> cached,
      Map<String, Written.Outcome> outcomes, List<List<String>> events) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Stream<Tells> tells() {
    Milvus healthy = ran(seed(), IMAGE);
    Milvus upgrade = ran(milvus("components: {image: 'milvusdb/milvus:v2.5.16'}"), IMAGE);
    Map<MilvusComponent, Deployment> running = Map.of(MilvusComponent.STANDALONE, deployment(IMAGE));
    Map<MilvusComponent, Deployment> old = Map.of(MilvusComponent.STANDALONE, deployment("milvusdb/milvus:v2.1.4"));
    List<HasMetadata> made = everything();
    List<HasMetadata> serviceDeleted = made.stream().filter(o -> !o.getMetadata().getName()
        .equals("my-release-milvus")).toList();
    return Stream.of(
        new Tells("a first reconcile tells every object it created in one Event", seed(), observed(false, Map.of()),
            List.of(), Map.of(), List.of(List.of("Created", "Created 9 objects: Secret my-release-minio, Service"
                + " my-release-etcd-headless, Service my-release-etcd, StatefulSet my-release-etcd, Service"
                + " my-release-minio, StatefulSet my-release-minio, ConfigMap my-release, PersistentVolumeClaim"
                + " my-release-data, Service my-release-milvus"))),
        new Tells("objects deleted and edited by hand are told together", healthy, observed(true, running),
            serviceDeleted, Map.of("my-release-milvus-standalone", Written.Outcome.RESTORED), List.of(
                List.of("Restored", "Restored 2 objects: Service my-release-milvus (deleted), Deployment"
                    + " my-release-milvus-standalone (spec.replicas changed by hand)"))),
        new Tells("creates, restores and updates are one Event each", seed(), observed(true, Map.of()),
            made.stream().filter(o -> !o.getKind().equals("ConfigMap")).toList(),
            Map.of("Service my-release-etcd", Written.Outcome.UPDATED, "StatefulSet my-release-etcd",
                Written.Outcome.UPDATED, "Service my-release-minio", Written.Outcome.UPDATED,
                "StatefulSet my-release-minio", Written.Outcome.UPDATED), List.of(
                List.of("Created", "Created 2 objects: ConfigMap my-release, Deployment my-release-milvus-standalone"),
                List.of("Updated", "Updated 4 objects: Service my-release-etcd, StatefulSet my-release-etcd,"
                    + " Service my-release-minio, StatefulSet my-release-minio"))),
        new Tells("an object of a Milvus that has run, made again, was deleted by hand", healthy,
            observed(true, running), serviceDeleted, Map.of(), List.of(
                List.of("Restored", "Restored Service my-release-milvus, which was deleted"))),
        new Tells("an owned field edited by hand is put back and named", healthy, observed(true, running), made,
            Map.of("my-release-milvus-standalone", Written.Outcome.RESTORED), List.of(
                List.of("Restored", "Deployment my-release-milvus-standalone", "spec.replicas had been changed by hand"))),
        new Tells("a new image rolls the component and says from what to what", upgrade, observed(true, running), made,
            Map.of("my-release-milvus-standalone", Written.Outcome.UPDATED), List.of(
                List.of("Updated", "Updated Deployment my-release-milvus-standalone"),
                List.of("RollingComponent", "standalone", IMAGE + " -> milvusdb/milvus:v2.5.16"))),
        new Tells("an unsafe jump allowed by annotation is rolled with a Warning", annotated(jump(),
            MilvusAnnotations.ALLOW_UNSAFE_UPGRADE, "true"), observed(true, old), made,
            Map.of("my-release-milvus-standalone", Written.Outcome.UPDATED), List.of(
                List.of("Updated"), List.of("RollingComponent"),
                List.of("!UnsafeUpgradeAllowed", MilvusAnnotations.ALLOW_UNSAFE_UPGRADE))),
        new Tells("the same jump after a MilvusUpgrade migrated the metadata is told as planned",
            annotated(annotated(jump(), MilvusAnnotations.ALLOW_UNSAFE_UPGRADE, "true"),
                MilvusAnnotations.UNSAFE_UPGRADE_ALLOWED_BY, "up-1"), observed(true, old), made,
            Map.of("my-release-milvus-standalone", Written.Outcome.UPDATED), List.of(
                List.of("Updated"), List.of("RollingComponent"), List.of("MetadataMigrated", "MilvusUpgrade up-1"))),
        new Tells("a retired component is told as removed", healthy, observed(true, Map.of(MilvusComponent.STANDALONE,
            deployment(IMAGE), MilvusComponent.PROXY, deployment(IMAGE, "my-release-milvus-proxy"))), made, Map.of(),
            List.of(List.of("RemovedComponent", "Removed Deployment my-release-milvus-proxy",
                "does not run in this version"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tells")
  void writeEvents(Tells row) {
    Converge decision = converge(row.milvus(), row.observed(), row.cached());

    List<Announcement> events = WriteEvents.of(row.milvus(), decision, act(decision, row.outcomes()));

    assertThat(events).hasSameSizeAs(row.events());
    for (int i = 0; i < row.events().size(); i++) {
      List<String> want = row.events().get(i);
      Announcement event = events.get(i);
      assertThat(event.reason()).isEqualTo(want.get(0).replace("!", ""));
      assertThat(event.warning()).as("warning " + event).isEqualTo(want.get(0).startsWith("!"));
      want.subList(1, want.size()).forEach(part -> assertThat(event.message()).contains(part));
    }
  }

  @Test
  void theStatusReflectsTheDeploymentAsWrittenAndItsChangeIsTold() {
    Milvus starting = seed();
    starting.setStatus(new MilvusStatus());
    starting.getStatus().setStatus("Pending");
    MilvusWorld world = world(starting, observed(true, Map.of()), List.of(secret(), pvc()));
    Converge decision = (Converge) MilvusDecider.decide(admitted(starting), world);
    // the API server answers the create with a Deployment its controller has since rolled out
    List<Written> written = act(decision, Map.of());
    written = written.stream().map(w -> w.object() instanceof Deployment
        ? new Written(w.write(), deployment(IMAGE), w.outcome(), w.restored()) : w).toList();

    Report report = MilvusDecider.report(world, decision, written);

    assertThat(report.status()).hasValueSatisfying(s -> assertThat(s.getStatus()).isEqualTo("Healthy"));
    assertThat(report.events()).extracting(Announcement::reason).contains("Created", "Healthy");
    assertThat(report.log()).extracting(Report.LogLine::message).contains("status Pending -> Healthy");
  }

  @Test
  void anUnchangedStatusIsNotWrittenAndTellsNothing() {
    Milvus milvus = seed();
    MilvusWorld first = world(milvus, observed(true, Map.of(MilvusComponent.STANDALONE, deployment(IMAGE))),
        everything());
    for (int settling = 0; settling < 2; settling++) {
      // Pending, then Healthy: a status is written while it changes
      MilvusWorld world = world(milvus, first.observed(), everything());
      Converge decision = (Converge) MilvusDecider.decide(admitted(milvus), world);
      milvus.setStatus(MilvusDecider.report(world, decision, act(decision, Map.of())).status().orElseThrow());
    }
    MilvusWorld again = world(milvus, first.observed(), everything());
    Converge same = (Converge) MilvusDecider.decide(admitted(milvus), again);

    Report report = MilvusDecider.report(again, same, act(same, Map.of()));

    assertThat(report.status()).isEmpty();
    assertThat(report.events()).isEmpty();
  }

  @Test
  void aRunningDependencyThatCannotBeChangedInPlaceIsRefusedBeforeAnyWrite() {
    Milvus milvus = milvus("components: {image: 'milvusdb/milvus:v2.4.23'}\ndependencies: {etcd: {inCluster:"
        + " {values: {replicaCount: 3}}}}");
    ObservedState observed = observed(true, Map.of());

    MilvusDecision decision = MilvusDecider.decide(admitted(milvus), world(milvus, observed, List.of()));

    assertThat(decision).isInstanceOf(Refused.class);
    assertThat(((Refused) decision).report().events()).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("cannot be changed in place"));
  }

  @Test
  void aFailureIsToldOnceUntilItChanges() {
    Milvus milvus = seed();
    MilvusCondition failed = Conditions.of(Conditions.RECONCILED, false, Conditions.REASON_API_ERROR, "HTTP 403");

    Report first = Refusals.failure(milvus, failed, NOW).orElseThrow();
    milvus.setStatus(first.status().orElseThrow());

    assertThat(first.events()).singleElement().satisfies(e -> assertThat(e.warning()).isTrue());
    assertThat(Refusals.failure(milvus, failed, NOW)).isEmpty();
    assertThat(Refusals.failure(milvus, Conditions.of(Conditions.RECONCILED, false, Conditions.REASON_API_ERROR,
        "HTTP 500"), NOW)).isPresent();
  }

  // ---- fixtures

  static Converge converge(Milvus milvus, ObservedState observed, List<HasMetadata> cached) {
    return (Converge) MilvusDecider.decide(admitted(milvus), world(milvus, observed, cached));
  }

  static Admission.Admitted admitted(Milvus milvus) {
    return (Admission.Admitted) MilvusDecider.admit(milvus, INPUTS, NOW);
  }

  static MilvusWorld world(Milvus milvus, ObservedState observed, List<HasMetadata> cached) {
    List<HasMetadata> all = new ArrayList<>(cached);
    all.addAll(observed.deployments().values());
    return new MilvusWorld(milvus, INPUTS, observed, CachedObjects.of(all), KEYS, NOW);
  }

  /** The API server's answers: a new object is created, an existing one unchanged, unless the row says otherwise. */
  static List<Written> act(Converge decision, Map<String, Written.Outcome> outcomes) {
    return decision.writes().stream().map(w -> {
      String name = w.object().getMetadata().getName();
      Written.Outcome told = outcomes.getOrDefault(w.object().getKind() + " " + name, outcomes.get(name));
      Written.Outcome outcome = w.kind() == Write.Kind.DELETE ? Written.Outcome.DELETED : told != null ? told
          : w.current().isEmpty() ? Written.Outcome.CREATED : Written.Outcome.UNCHANGED;
      List<String> restored = outcome == Written.Outcome.RESTORED ? List.of("spec.replicas") : List.of();
      return new Written(w, w.object(), outcome, restored);
    }).toList();
  }

  static Milvus seed() {
    Milvus milvus = TestMilvus.parse(TestMilvus.SEED);
    milvus.getMetadata().setGeneration(1L);
    return milvus;
  }

  static Milvus milvus(String spec) {
    Milvus milvus = TestMilvus.withSpec("my-release", spec);
    milvus.getMetadata().setGeneration(1L);
    return milvus;
  }

  /** The Milvus as it is after it ran healthy on {@code image} with its current spec. */
  static Milvus ran(Milvus milvus, String image) {
    MilvusStatus status = new MilvusStatus();
    status.setStatus("Healthy");
    status.setObservedGeneration(milvus.getMetadata().getGeneration());
    status.setCurrentImage(image);
    status.setComponentsDeployStatus(new LinkedHashMap<>(Map.of("standalone", new ComponentDeployStatus())));
    milvus.setStatus(status);
    return milvus;
  }

  /** A Milvus last healthy on 2.1, asked to run 2.4: a jump only a MilvusUpgrade makes safe. */
  static Milvus jump() {
    return ran(milvus("components: {image: 'milvusdb/milvus:v2.4.23'}"), "milvusdb/milvus:v2.1.4");
  }

  static Milvus refusedBefore(Milvus milvus) {
    Report first = ((Refused) MilvusDecider.admit(milvus, INPUTS, NOW)).report();
    milvus.setStatus(first.status().orElseThrow());
    return milvus;
  }

  static Milvus annotated(Milvus milvus, String key, String value) {
    Map<String, String> annotations = new LinkedHashMap<>(Optional.ofNullable(milvus.getMetadata().getAnnotations())
        .orElse(Map.of()));
    annotations.put(key, value);
    milvus.getMetadata().setAnnotations(annotations);
    return milvus;
  }

  static ObservedState observed(boolean dependenciesReady, Map<MilvusComponent, Deployment> deployments) {
    Map<MilvusComponent, Deployment> byComponent = new EnumMap<>(MilvusComponent.class);
    byComponent.putAll(deployments);
    return new ObservedState(byComponent,
        Map.of("my-release-etcd", sts("my-release-etcd", dependenciesReady),
            "my-release-minio", sts("my-release-minio", dependenciesReady)), List.of(), Map.of());
  }

  /** The seed's dependency StatefulSet as rendered, with its pods ready or not. */
  static StatefulSet sts(String name, boolean ready) {
    StatefulSet rendered = MilvusRenderer.render(TestMilvus.context(seed())).dependencies().stream()
        .filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(name))
        .map(StatefulSet.class::cast).findFirst().orElseThrow();
    return new StatefulSetBuilder(rendered).withNewStatus().withReplicas(1).withReadyReplicas(ready ? 1 : 0)
        .endStatus().build();
  }

  static Deployment deployment(String image) {
    return deployment(image, "my-release-milvus-standalone");
  }

  /** A standalone Deployment as rendered for {@code image}, rolled out and ready. */
  static Deployment deployment(String image, String name) {
    Milvus milvus = seed();
    Deployment rendered = MilvusRenderer.render(TestMilvus.context(milvus),
        Map.of(MilvusComponent.STANDALONE, PodRevision.ofImage(image)), MilvusRenderer.Options.DEFAULT)
        .deployments().get(MilvusComponent.STANDALONE);
    return new DeploymentBuilder(rendered).editMetadata().withName(name).withGeneration(2L).endMetadata()
        .withNewStatus().withObservedGeneration(2L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1)
        .withAvailableReplicas(1)
        .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
        .endCondition().endStatus().build();
  }

  /** Every object the seed's decision writes before its Deployments, as if made earlier. */
  static List<HasMetadata> everything() {
    var desired = MilvusRenderer.render(TestMilvus.context(seed()));
    List<HasMetadata> all = new ArrayList<>(desired.dependencies());
    all.add(desired.configMap());
    all.add(desired.service());
    all.add(secret());
    all.add(pvc());
    return all;
  }

  static HasMetadata secret() {
    return new SecretBuilder().withNewMetadata().withName("my-release-minio").endMetadata().build();
  }

  static HasMetadata pvc() {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName("my-release-data").endMetadata().build();
  }

  static MilvusCondition condition(MilvusStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @SafeVarargs
  static List<String> concat(List<String>... parts) {
    return Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
