package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.api.v1beta1.InClusterConfig;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.Persistence;
import io.milvus.operator.render.BuiltInQueue;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a Milvus deletes beyond the objects it owns (those go by garbage collection): data only when the user
 * asked for it. By default ({@code deletionPolicy: Retain}) the PVCs of etcd, MinIO, Kafka and the built-in queue, and the
 * MinIO keys, are kept, so a Milvus re-created with the same name finds its data again.
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
    var deps = ctx.spec().getDependencies();
    if (!ctx.externalEtcd() && deletesData(deps.getEtcd().getInCluster())) {
      deletePvcs(milvus, ctx, "etcd");
    }
    if (!ctx.externalStorage() && deletesData(deps.getStorage().getInCluster())) {
      deletePvcs(milvus, ctx, "minio");
      client.secrets().inNamespace(ctx.namespace()).withName(Names.minioSecret(ctx.name())).delete();
    }
    if (ctx.inClusterKafka() && deletesData(deps.getKafka().getInCluster())) {
      deletePvcs(milvus, ctx, "kafka");
    }
    Persistence persistence = BuiltInQueue.persistence(ctx.spec());
    if (persistence != null && Boolean.TRUE.equals(persistence.getPvcDeletion())) {
      client.persistentVolumeClaims().inNamespace(ctx.namespace()).withName(Names.dataPvc(ctx.name())).delete();
      note(milvus, ctx, "PVC " + Names.dataPvc(ctx.name()) + " deleted (persistence.pvcDeletion)");
    }
  }

  /** Upstream's rule: the data goes only with {@code deletionPolicy: Delete} and {@code pvcDeletion: true}. */
  private static boolean deletesData(InClusterConfig inCluster) {
    return inCluster != null && "Delete".equals(inCluster.getDeletionPolicy())
        && Boolean.TRUE.equals(inCluster.getPvcDeletion());
  }

  private void deletePvcs(Milvus milvus, RenderContext ctx, String component) {
    client.persistentVolumeClaims().inNamespace(ctx.namespace())
        .withLabels(Map.of(Labels.INSTANCE, ctx.name(), Labels.COMPONENT, component)).delete();
    note(milvus, ctx, "PVCs of the in-cluster " + component + " deleted (deletionPolicy Delete, pvcDeletion true)");
  }

  private void note(Milvus milvus, RenderContext ctx, String message) {
    LOG.info("{}/{}: {}", ctx.namespace(), ctx.name(), message);
    events.normal(milvus, "DataDeleted", message);
  }
}
