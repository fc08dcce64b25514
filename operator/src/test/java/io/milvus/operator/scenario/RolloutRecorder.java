package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.milvus.operator.render.PodRevision;
import io.milvus.operator.status.DeploymentProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Watches a Milvus's Deployments like a user with {@code kubectl get deploy -w}: records each change of image. */
final class RolloutRecorder implements AutoCloseable {

  /** The Deployments, in the order their pod templates changed. */
  List<String> order() {
    synchronized (changes) {
      return changes.stream().map(ImageChange::deployment).toList();
    }
  }

  /** A Deployment's pod template moved to {@code revision}. */
  record ImageChange(String deployment, PodRevision revision) {
    String image() {
      return revision.image();
    }
  }

  private final Map<String, PodRevision> lastImage = new ConcurrentHashMap<>();
  private final List<ImageChange> changes = new ArrayList<>();
  private final Watch watch;

  RolloutRecorder(KubernetesClient client, String milvus) {
    this(client, milvus, false);
  }

  /** @param withCreated also record a Deployment made during the rollout, as a change from nothing */
  RolloutRecorder(KubernetesClient client, String milvus, boolean withCreated) {
    client.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", milvus).list()
        .getItems().forEach(d -> lastImage.put(d.getMetadata().getName(), DeploymentProgress.revision(d)));
    watch = client.apps().deployments().inNamespace("default").withLabel("app.kubernetes.io/instance", milvus)
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Deployment d) {
            if (action == Action.DELETED) {
              return;
            }
            PodRevision image = DeploymentProgress.revision(d);
            PodRevision before = lastImage.put(d.getMetadata().getName(), image);
            if (before == null ? withCreated : !before.equals(image)) {
              synchronized (changes) {
                changes.add(new ImageChange(d.getMetadata().getName(), image));
              }
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
  }

  /** The Deployments, in the order their pods were moved to {@code image}. */
  List<String> orderTo(String image) {
    synchronized (changes) {
      return changes.stream().filter(c -> c.image().equals(image)).map(ImageChange::deployment).toList();
    }
  }

  List<ImageChange> changes() {
    synchronized (changes) {
      return List.copyOf(changes);
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
