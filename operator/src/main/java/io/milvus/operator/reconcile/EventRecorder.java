package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.milvus.operator.render.Hashes;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about a resource, so {@code kubectl describe} tells what the operator did and why. The same
 * reason and message on the same object bump the count of one Event instead of piling up new ones.
 */
public class EventRecorder {

  public static final String COMPONENT = "milvus-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    String name = about.getMetadata().getName() + "." + Hashes.sha256(about.getMetadata().getUid() + type + reason + message)
        .substring(0, 16);
    String now = Instant.now(clock).toString();
    try {
      // Create first: most Events are new, and a repeat costs the read only then.
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(about.getApiVersion()).withKind(about.getKind())
              .withName(about.getMetadata().getName()).withNamespace(namespace).withUid(about.getMetadata().getUid())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        couldNotRecord(about, reason, e);
        return;
      }
      countRepeat(namespace, name, now, about, reason);
    }
  }

  private void countRepeat(String namespace, String name, String now, HasMetadata about, String reason) {
    try {
      Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
      if (existing != null) {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(now);
        client.v1().events().inNamespace(namespace).resource(existing).update();
      }
    } catch (KubernetesClientException e) {
      couldNotRecord(about, reason, e);
    }
  }

  /** An Event is a courtesy: failing to write one must never fail the reconcile. */
  private static void couldNotRecord(HasMetadata about, String reason, KubernetesClientException e) {
    LOG.warn("{}/{}: could not record event {}: {}", about.getMetadata().getNamespace(), about.getMetadata().getName(),
        reason, e.getMessage());
  }
}
