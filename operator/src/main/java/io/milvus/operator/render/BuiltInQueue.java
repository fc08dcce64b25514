package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.milvus.operator.api.MessageQueue;
import io.milvus.operator.api.v1beta1.MilvusDependencies;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.Persistence;
import io.milvus.operator.api.v1beta1.PersistentVolumeClaimConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The message queue built into Milvus standalone (rocksmq, natsmq, woodpecker) and its PVC {@code <cr>-data}. */
public final class BuiltInQueue {

  static final String DEFAULT_SIZE = "5Gi";

  private BuiltInQueue() {}

  public static boolean isBuiltIn(String msgStreamType) {
    return MessageQueue.of(msgStreamType).map(MessageQueue::builtIn).orElse(false);
  }

  /** The persistence settings of the chosen built-in queue, or null when the queue is external. */
  public static Persistence persistence(MilvusSpec spec) {
    MilvusDependencies deps = spec.getDependencies();
    var mq = switch (MessageQueue.of(deps.getMsgStreamType()).orElse(MessageQueue.CUSTOM)) {
      case ROCKSMQ -> deps.getRocksmq();
      case NATSMQ -> deps.getNatsmq();
      case WOODPECKER -> deps.getWoodpecker();
      case PULSAR, KAFKA, CUSTOM -> null;
    };
    return mq == null ? null : mq.getPersistence();
  }

  public static String claimName(RenderContext ctx) {
    return existingClaim(ctx.spec()).orElse(Names.dataPvc(ctx.name()));
  }

  /**
   * The PVC to create, if any: none for an external queue, an emptyDir, or a claim the user brought. Not owned by the
   * Milvus: the queue's data outlives it unless {@code persistence.pvcDeletion} says otherwise.
   */
  public static Optional<PersistentVolumeClaim> pvc(RenderContext ctx) {
    Persistence persistence = persistence(ctx.spec());
    if (persistence == null || !Boolean.TRUE.equals(persistence.getEnabled()) || existingClaim(ctx.spec()).isPresent()) {
      return Optional.empty();
    }
    PersistentVolumeClaimConfig claim = persistence.getPersistentVolumeClaim();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = null;
    PersistentVolumeClaimSpec spec = null;
    if (claim != null) {
      if (claim.getLabels() != null) {
        labels.putAll(claim.getLabels());
      }
      annotations = claim.getAnnotations();
      spec = claim.getSpec();
    }
    labels.putAll(Labels.component(ctx.name(), "standalone"));
    return Optional.of(new PersistentVolumeClaimBuilder()
        .withNewMetadata()
          .withName(Names.dataPvc(ctx.name()))
          .withNamespace(ctx.namespace())
          .withLabels(labels)
          .withAnnotations(annotations)
        .endMetadata()
        .withSpec(spec != null ? spec : defaultSpec())
        .build());
  }

  private static PersistentVolumeClaimSpec defaultSpec() {
    return new PersistentVolumeClaimSpecBuilder()
        .withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of("storage", new Quantity(DEFAULT_SIZE))).endResources()
        .build();
  }

  private static Optional<String> existingClaim(MilvusSpec spec) {
    Persistence persistence = persistence(spec);
    if (persistence == null || persistence.getPersistentVolumeClaim() == null) {
      return Optional.empty();
    }
    String existing = persistence.getPersistentVolumeClaim().getExistingClaim();
    return existing == null || existing.isBlank() ? Optional.empty() : Optional.of(existing);
  }
}
