package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dynamic provisioner and binder: a PVC of an existing StorageClass gets a PersistentVolume {@code pvc-<uid>} of the
 * requested size and is Bound to it; its capacity follows later requests (expansion). Deleting the claim deletes its
 * volume (reclaim policy Delete). A claim of no class (there was no default class when it was created, or it asked
 * for "") or of a class that does not exist stays Pending, as there are no pre-made volumes to bind it to; it is
 * provisioned once its class appears. A claim that names no class at all (not even "") gets the default class once
 * there is one (the retroactive default StorageClass assignment, GA since 1.28).
 */
final class PersistentVolumeController extends SimController {

  static final String DEFAULT_STORAGE_CLASS = "standard";
  private static final String IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
  private static final String BETA_IS_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";
  private static final String BETA_CLAIM_CLASS = "volume.beta.kubernetes.io/storage-class";

  PersistentVolumeController(SimContext ctx) {
    super(ctx, "pv-controller");
  }

  @Override
  void register() {
    ctx.informers().onChange(PersistentVolumeClaim.class, pvc -> queue.add(ObjectKey.of(pvc)));
    ctx.informers().onChange(StorageClass.class, sc -> ctx.informers().cached(PersistentVolumeClaim.class).stream()
        .filter(pvc -> pvc.getSpec() != null && pvc.getSpec().getVolumeName() == null)
        .forEach(pvc -> queue.add(ObjectKey.of(pvc))));
  }

  @Override
  void reconcile(ObjectKey key) {
    PersistentVolumeClaim pvc = ctx.informers().get(PersistentVolumeClaim.class, key);
    if (pvc == null) {
      releaseVolumes(key);
      return;
    }
    if (Owners.isTerminating(pvc) || pvc.getSpec() == null) {
      return;
    }
    String volumeName = "pvc-" + pvc.getMetadata().getUid();
    Quantity requested = requestedStorage(pvc);
    if (pvc.getSpec().getVolumeName() == null && pvc.getSpec().getStorageClassName() == null
        && !annotations(pvc).containsKey(BETA_CLAIM_CLASS)) {
      Optional<String> defaultClass = defaultStorageClass();
      if (defaultClass.isPresent()) {
        mergePatch(pvc, Map.of("spec", Map.of("storageClassName", defaultClass.get())));
        return; // the claim with its class comes back through the informer
      }
    }
    if (!volumeName.equals(pvc.getSpec().getVolumeName()) && !canProvision(pvc)) {
      return;
    }
    if (ctx.client().persistentVolumes().withName(volumeName).get() == null) {
      ctx.client().persistentVolumes().resource(volume(pvc, volumeName, requested)).create();
    }
    if (!volumeName.equals(pvc.getSpec().getVolumeName())) {
      pvc = mergePatch(pvc, Map.of(
          "spec", Map.of("volumeName", volumeName),
          "metadata", Map.of("annotations", Map.of(
              "pv.kubernetes.io/bind-completed", "yes", "pv.kubernetes.io/bound-by-controller", "yes"))));
    }
    PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatusBuilder()
        .withPhase("Bound")
        .withAccessModes(pvc.getSpec().getAccessModes())
        .withCapacity(requested == null ? Map.of() : Map.of("storage", requested))
        .build();
    if (!status.equals(pvc.getStatus())) {
      pvc.setStatus(status);
      writeStatus(pvc);
    }
  }

  /** {@code GetDefaultClass}: of the classes marked default, the newest, then the first by name. */
  private Optional<String> defaultStorageClass() {
    return ctx.informers().cached(StorageClass.class).stream()
        .filter(sc -> "true".equals(annotations(sc).get(IS_DEFAULT_CLASS))
            || "true".equals(annotations(sc).get(BETA_IS_DEFAULT_CLASS)))
        .min(Comparator.comparing((StorageClass sc) -> sc.getMetadata().getCreationTimestamp(),
                Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(sc -> sc.getMetadata().getName()))
        .map(sc -> sc.getMetadata().getName());
  }

  private static Map<String, String> annotations(HasMetadata object) {
    return object.getMetadata().getAnnotations() == null ? Map.of() : object.getMetadata().getAnnotations();
  }

  /**
   * Whether the claim's class exists to provision it; if not, the claim stays Pending and an Event says why (the
   * pv-controller's FailedBinding and ProvisioningFailed).
   */
  private boolean canProvision(PersistentVolumeClaim pvc) {
    String storageClass = pvc.getSpec().getStorageClassName();
    if (storageClass == null || storageClass.isEmpty()) {
      SimEvents.record(ctx.client(), pvc, "Normal", "FailedBinding",
          "no persistent volumes available for this claim and no storage class is set", now());
    } else if (ctx.informers().cached(StorageClass.class, null, storageClass) == null
        && ctx.client().storage().v1().storageClasses().withName(storageClass).get() == null) {
      SimEvents.record(ctx.client(), pvc, "Warning", "ProvisioningFailed",
          "storageclass.storage.k8s.io \"" + storageClass + "\" not found", now());
    } else {
      return true;
    }
    return false;
  }

  private PersistentVolume volume(PersistentVolumeClaim pvc, String name, Quantity size) {
    String storageClass = pvc.getSpec().getStorageClassName();
    return new PersistentVolumeBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
          .withCapacity(size == null ? Map.of() : Map.of("storage", size))
          .withAccessModes(pvc.getSpec().getAccessModes())
          .withStorageClassName(storageClass)
          .withPersistentVolumeReclaimPolicy("Delete")
          .withVolumeMode(pvc.getSpec().getVolumeMode() == null ? "Filesystem" : pvc.getSpec().getVolumeMode())
          .withClaimRef(new ObjectReferenceBuilder()
              .withApiVersion("v1").withKind("PersistentVolumeClaim")
              .withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
              .withUid(pvc.getMetadata().getUid())
              .build())
          .withNewHostPath().withPath("/var/lib/kube-sim/" + name).endHostPath()
        .endSpec()
        .withNewStatus().withPhase("Bound").endStatus()
        .build();
  }

  /** The claim is gone: its dynamically provisioned volumes go too. */
  private void releaseVolumes(ObjectKey claim) {
    List<PersistentVolume> volumes = ctx.client().persistentVolumes().list().getItems();
    for (PersistentVolume pv : volumes) {
      var ref = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
      if (ref != null && claim.namespace().equals(ref.getNamespace()) && claim.name().equals(ref.getName())
          && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
        ctx.client().resource(pv).delete();
      }
    }
  }

  private static Quantity requestedStorage(PersistentVolumeClaim pvc) {
    var resources = pvc.getSpec().getResources();
    if (resources == null || resources.getRequests() == null) {
      return null;
    }
    return resources.getRequests().get("storage");
  }
}
