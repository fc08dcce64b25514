package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.adopt.HelmDependencies;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.Persistence;
import io.milvus.operator.render.BuiltInQueue;
import io.milvus.operator.render.InClusterDependency;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a Milvus deletes beyond the objects it owns (those go by garbage collection; a retained dependency's
 * objects are not owned and stay): the volumes of a dependency with {@code pvcDeletion: true}, unless it is retained,
 * with the MinIO keys when MinIO's volumes go, and the built-in queue's PVC when its persistence says so.
 */
final class MilvusCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusCleanup.class);

  private final KubernetesClient client;
  private final EventRecorder events;

  MilvusCleanup(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  void deleteRequestedData(Milvus milvus, RenderContext ctx) {
    for (InClusterDependency dependency : InClusterDependency.of(ctx)) {
      if (dependency.retained()) {
        note(milvus, ctx, "DependencyRetained", "In-cluster " + dependency.name() + " keeps running with its data (deletionPolicy Retain)"
            + (Boolean.TRUE.equals(dependency.config().getPvcDeletion()) ? "; pvcDeletion does not apply" : ""));
      } else if (dependency.deletesVolumes()) {
        for (String component : dependency.volumeComponents()) {
          client.persistentVolumeClaims().inNamespace(ctx.namespace())
              .withLabels(Map.of(Labels.INSTANCE, ctx.name(), Labels.COMPONENT, component))
              .withoutLabel(Labels.MANAGED_BY, HelmDependencies.MANAGED_BY_HELM).delete();
        }
        if ("minio".equals(dependency.name())) {
          client.secrets().inNamespace(ctx.namespace()).withName(Names.minioSecret(ctx.name())).delete();
        }
        note(milvus, ctx, "DataDeleted", "PVCs of the in-cluster " + dependency.name() + " deleted (pvcDeletion true)");
      }
    }
    Persistence persistence = BuiltInQueue.persistence(ctx.spec());
    if (persistence != null && Boolean.TRUE.equals(persistence.getPvcDeletion())) {
      client.persistentVolumeClaims().inNamespace(ctx.namespace()).withName(Names.dataPvc(ctx.name())).delete();
      note(milvus, ctx, "DataDeleted", "PVC " + Names.dataPvc(ctx.name()) + " deleted (persistence.pvcDeletion)");
    }
  }

  private void note(Milvus milvus, RenderContext ctx, String reason, String message) {
    LOG.info("{}/{}: {}", ctx.namespace(), ctx.name(), message);
    events.normal(milvus, reason, message);
  }
}
