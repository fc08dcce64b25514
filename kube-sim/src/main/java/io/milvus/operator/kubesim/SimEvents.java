package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * Events the simulated controllers and kubelet record, as Kubernetes' recorders do: one Event per object, reason
 * and message, whose count grows when it repeats.
 */
final class SimEvents {

  private SimEvents() {
  }

  static void record(KubernetesClient client, HasMetadata object, String type, String reason, String message,
      Instant now) {
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName() + "."
        + Integer.toHexString((reason + "/" + message + "/" + object.getMetadata().getUid()).hashCode());
    String time = Timestamps.format(now);
    Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
    if (existing != null) {
      existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
      existing.setLastTimestamp(time);
      client.v1().events().inNamespace(namespace).resource(existing).update();
      return;
    }
    client.v1().events().inNamespace(namespace).resource(new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
          .withName(object.getMetadata().getName()).withNamespace(namespace).withUid(object.getMetadata().getUid())
        .endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(time).withLastTimestamp(time)
        .withNewSource().withComponent(componentFor(reason)).endSource()
        .build()).create();
  }

  private static String componentFor(String reason) {
    return switch (reason) {
      case "FailedScheduling" -> "default-scheduler";
      case "FailedCreate" -> "replicaset-controller";
      default -> "kubelet";
    };
  }
}
