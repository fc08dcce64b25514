package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusUpgradeDefaults;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.MilvusReference;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed's upgrade (my-release, v2.1.4 → v2.4.23) and its Milvus at each stage, for the pure core's tests. */
final class Fixtures {

  static final String UPGRADE = "my-upgrade";
  static final String SOURCE_IMAGE = "milvusdb/milvus:v2.1.4";
  static final String TARGET_IMAGE = "milvusdb/milvus:v2.4.23";
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final UpgradeSettings SETTINGS = UpgradeSettings.standard();

  private Fixtures() {}

  static MilvusUpgradeSpec spec() {
    MilvusUpgradeSpec spec = new MilvusUpgradeSpec();
    MilvusReference ref = new MilvusReference();
    ref.setNamespace("default");
    ref.setName("my-release");
    spec.setMilvus(ref);
    spec.setSourceVersion("v2.1.4");
    spec.setTargetVersion("v2.4.23");
    return MilvusUpgradeDefaults.apply(spec, UpgradeSettings.DEFAULT_TOOL_IMAGE);
  }

  static MilvusUpgradeSpec spec(java.util.function.Consumer<MilvusUpgradeSpec> change) {
    MilvusUpgradeSpec spec = spec();
    change.accept(spec);
    return spec;
  }

  static MilvusReplicas standaloneReplicas(int n) {
    MilvusReplicas replicas = new MilvusReplicas();
    replicas.setStandalone(n);
    return replicas;
  }

  /** A Milvus view, healthy and running on the source image, that tests reshape with the withers. */
  record View(String image, String currentImage, String status, boolean updated, boolean scaledToZero,
      List<String> stillRunning, Optional<String> stoppedAt, boolean allows, int replicas) {

    static View running() {
      return new View(SOURCE_IMAGE, SOURCE_IMAGE, "Healthy", true, false, List.of(), Optional.empty(), false, 1);
    }

    /** Scaled to 0 in the spec; its Deployment still has a pod. */
    static View stopping() {
      return running().scaled(true).running(List.of("my-release-milvus-standalone (1 pods)")).status("Stopped");
    }

    /** Scaled to 0 and no pod left; stopped-at written {@code ago} before now. */
    static View stoppedFor(Duration ago) {
      return stopping().running(List.of()).stoppedAt(Optional.of(NOW.minus(ago).toString()));
    }

    /** Scaled to 0, no pod left, not marked yet. */
    static View stoppedUnmarked() {
      return stopping().running(List.of());
    }

    /** Started on {@code image} (the spec says so, no mark), reporting {@code status}. */
    static View startedOn(String image, String status, String current) {
      return new View(image, current, status, true, false, List.of(), Optional.empty(), false, 1);
    }

    View scaled(boolean zero) {
      return new View(image, currentImage, status, updated, zero, stillRunning, stoppedAt, allows, replicas);
    }

    View running(List<String> pods) {
      return new View(image, currentImage, status, updated, scaledToZero, pods, stoppedAt, allows, replicas);
    }

    View stoppedAt(Optional<String> at) {
      return new View(image, currentImage, status, updated, scaledToZero, stillRunning, at, allows, replicas);
    }

    View status(String s) {
      return new View(image, currentImage, s, updated, scaledToZero, stillRunning, stoppedAt, allows, replicas);
    }

    View allowing(boolean a) {
      return new View(image, currentImage, status, updated, scaledToZero, stillRunning, stoppedAt, a, replicas);
    }

    View replicas(int n) {
      return new View(image, currentImage, status, updated, scaledToZero, stillRunning, stoppedAt, allows, n);
    }

    MilvusView build() {
      Optional<MilvusVersion> version = MilvusVersion.fromImage(image);
      return new MilvusView("default", "my-release", image,
          MilvusVersion.fromImage(currentImage).or(() -> version), version, standaloneReplicas(replicas), Map.of(),
          List.of(), scaledToZero, stillRunning, stoppedAt, allows, Optional.empty(),
          new MilvusHealth(status, updated, currentImage, true, ""));
    }
  }

  /** A status in {@code state}, with what earlier states recorded. */
  static MilvusUpgradeStatus status(UpgradeState state) {
    MilvusUpgradeStatus s = new MilvusUpgradeStatus();
    s.setState(state.text());
    if (state != UpgradeState.PENDING) {
      s.setReplicasBeforeUpgrade(standaloneReplicas(1));
      s.setSourceImage(SOURCE_IMAGE);
      s.setStateTransitionTime(NOW.minusSeconds(5).toString());
    }
    return s;
  }

  static MilvusUpgradeStatus status(UpgradeState state, java.util.function.Consumer<MilvusUpgradeStatus> change) {
    MilvusUpgradeStatus s = status(state);
    change.accept(s);
    return s;
  }

  static Map<String, TaskRun> jobs(Object... nameAndRun) {
    Map<String, TaskRun> jobs = new LinkedHashMap<>();
    for (int i = 0; i < nameAndRun.length; i += 2) {
      jobs.put((String) nameAndRun[i], (TaskRun) nameAndRun[i + 1]);
    }
    return jobs;
  }

  static Decision decide(MilvusUpgradeSpec spec, MilvusUpgradeStatus status, View view, Map<String, TaskRun> jobs) {
    return UpgradeMachine.decide(UPGRADE, spec, status, new World(view.build(), jobs, NOW), SETTINGS);
  }

  static Decision decide(MilvusUpgradeStatus status, View view, Map<String, TaskRun> jobs) {
    return decide(spec(), status, view, jobs);
  }
}
