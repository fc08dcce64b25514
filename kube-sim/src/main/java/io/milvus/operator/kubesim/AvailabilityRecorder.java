package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers how many pods of each Deployment were ready over time, as the simulated controller saw them
 * (from the pods themselves, not from a status someone may have overwritten). Lets a test assert that a rollout
 * never dropped below some number of ready replicas.
 */
public final class AvailabilityRecorder {

  private static final int MAX_SAMPLES = 10_000;

  private static final class Track {
    final String uid;
    final List<AvailabilitySample> samples = new ArrayList<>();
    boolean fullyAvailable;
    int minReadySinceAvailable = Integer.MAX_VALUE;

    Track(String uid) {
      this.uid = uid;
    }
  }

  private final Map<ObjectKey, Track> tracks = new ConcurrentHashMap<>();

  void record(Deployment deployment, int desired, DeploymentStatusRules.Counts counts, String image, Instant now) {
    ObjectKey key = ObjectKey.of(deployment);
    String uid = deployment.getMetadata().getUid();
    Track track = tracks.compute(key, (k, t) -> t == null || !Objects.equals(t.uid, uid) ? new Track(uid) : t);
    synchronized (track) {
      AvailabilitySample sample = new AvailabilitySample(now, desired, counts.replicas(), counts.ready(), counts.available(),
          counts.updated(), image);
      List<AvailabilitySample> samples = track.samples;
      AvailabilitySample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
      if (last == null || !sameState(last, sample)) {
        if (samples.size() >= MAX_SAMPLES) {
          samples.remove(0);
        }
        samples.add(sample);
      }
      if (!track.fullyAvailable && desired > 0 && counts.ready() >= desired) {
        track.fullyAvailable = true;
      }
      if (track.fullyAvailable) {
        track.minReadySinceAvailable = Math.min(track.minReadySinceAvailable, counts.ready());
      }
    }
  }

  /**
   * The fewest ready replicas seen since the Deployment first had all its desired replicas ready,
   * or -1 if it never had.
   */
  public int minReadySinceAvailable(String namespace, String deploymentName) {
    Track track = tracks.get(new ObjectKey(namespace, deploymentName));
    if (track == null) {
      return -1;
    }
    synchronized (track) {
      return track.fullyAvailable ? track.minReadySinceAvailable : -1;
    }
  }

  /** Every distinct state seen, oldest first (the latest {@value #MAX_SAMPLES} at most). */
  public List<AvailabilitySample> history(String namespace, String deploymentName) {
    Track track = tracks.get(new ObjectKey(namespace, deploymentName));
    if (track == null) {
      return List.of();
    }
    synchronized (track) {
      return List.copyOf(track.samples);
    }
  }

  /** Forgets one Deployment's history, e.g. to measure only the next rollout. */
  public void reset(String namespace, String deploymentName) {
    tracks.remove(new ObjectKey(namespace, deploymentName));
  }

  private static boolean sameState(AvailabilitySample a, AvailabilitySample b) {
    return a.desired() == b.desired() && a.replicas() == b.replicas() && a.ready() == b.ready() && a.available() == b.available()
        && a.updated() == b.updated() && Objects.equals(a.image(), b.image());
  }
}
