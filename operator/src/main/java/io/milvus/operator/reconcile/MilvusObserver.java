package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.milvus.operator.api.MessageQueue;
import io.milvus.operator.api.v1beta1.MilvusDependencies;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.ObservedState;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.render.InClusterPulsar;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.milvus.operator.rollout.QueryNodeGroups;
import io.milvus.operator.status.LiveQueryNodes;

/** Reads what exists for a Milvus from the informer caches, and the last check of each external dependency. */
final class MilvusObserver {

  private final DependencyChecks checks;

  MilvusObserver(DependencyChecks checks) {
    this.checks = checks;
  }

  ObservedState observe(Milvus milvus, RenderContext ctx, Context<Milvus> context) {
    Map<MilvusComponent, Deployment> deployments = new EnumMap<>(MilvusComponent.class);
    for (MilvusComponent component : MilvusComponent.values()) {
      Secondaries.named(context, Deployment.class, Names.deployment(ctx.name(), component))
          .ifPresent(d -> deployments.put(component, d));
    }
    LiveQueryNodes queryNodes = queryNodes(milvus, ctx, context, deployments.get(MilvusComponent.QUERY_NODE));
    deployments.remove(MilvusComponent.QUERY_NODE);
    queryNodes.serving().ifPresent(d -> deployments.put(MilvusComponent.QUERY_NODE, d));
    Map<String, StatefulSet> dependencies = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(List.of(Names.etcd(ctx.name()), Names.minio(ctx.name()), Names.kafka(ctx.name())));
    Map<String, Job> jobs = new LinkedHashMap<>();
    Set<String> missingSecrets = new TreeSet<>();
    if (ctx.inClusterPulsar()) {
      InClusterPulsar.parts(ctx).forEach(part -> names.add(part.objectName(ctx.name())));
      for (String job : List.of(InClusterPulsar.bookieInitJob(ctx.name()), InClusterPulsar.metadataInitJob(ctx.name()))) {
        Secondaries.named(context, Job.class, job).ifPresent(j -> jobs.put(job, j));
      }
      for (String secret : InClusterPulsar.requiredSecrets(ctx)) {
        // The user's Secrets carry no label of ours, so the informers do not see them: read them directly.
        if (context.getClient().secrets().inNamespace(ctx.namespace()).withName(secret).get() == null) {
          missingSecrets.add(secret);
        }
      }
    }
    for (String name : names) {
      Secondaries.named(context, StatefulSet.class, name).ifPresent(s -> dependencies.put(name, s));
    }
    return new ObservedState(deployments, dependencies, Secondaries.all(context, Pod.class), external(ctx), jobs,
        missingSecrets).withQueryNodes(queryNodes);
  }

  private static LiveQueryNodes queryNodes(Milvus milvus, RenderContext ctx, Context<Milvus> context,
      Deployment single) {
    Map<Integer, Deployment> groups = new TreeMap<>();
    for (int group : List.of(0, 1)) {
      Secondaries.named(context, Deployment.class, Names.queryNodeGroup(ctx.name(), group))
          .ifPresent(d -> groups.put(group, d));
    }
    Map<String, String> annotations = milvus.getMetadata().getAnnotations();
    Map<String, String> labels = milvus.getMetadata().getLabels();
    return new LiveQueryNodes(Optional.ofNullable(single), groups,
        QueryNodeGroups.parseGroup(annotations == null ? null : annotations.get(QueryNodeGroups.CURRENT_GROUP)),
        labels != null && labels.containsKey(QueryNodeGroups.ROLLING_ID));
  }

  private Map<String, DependencyHealth> external(RenderContext ctx) {
    Map<String, DependencyHealth> health = new LinkedHashMap<>();
    ResourceID milvus = new ResourceID(ctx.name(), ctx.namespace());
    MilvusDependencies deps = ctx.spec().getDependencies();
    if (ctx.externalEtcd()) {
      health.put(Conditions.ETCD_READY, check(milvus, "etcd", deps.getEtcd().getEndpoints()));
    }
    if (ctx.externalStorage()) {
      String endpoint = deps.getStorage().getEndpoint();
      health.put(Conditions.STORAGE_READY, check(milvus, "storage",
          List.of(endpoint.contains(":") ? endpoint : endpoint + ":443")));
    }
    String mq = deps.getMsgStreamType();
    if (MessageQueue.PULSAR.is(mq) && Boolean.TRUE.equals(deps.getPulsar().getExternal())) {
      String endpoint = deps.getPulsar().getEndpoint();
      health.put(Conditions.MSG_STREAM_READY, check(milvus, "Pulsar",
          List.of(endpoint.matches(".*:\\d+$") ? endpoint : endpoint + ":6650")));
    }
    if ("kafka".equals(mq) && Boolean.TRUE.equals(deps.getKafka().getExternal())) {
      health.put(Conditions.MSG_STREAM_READY, check(milvus, "Kafka", deps.getKafka().getBrokerList()));
    }
    return health;
  }

  /** The cached result: the check itself runs off this thread (see {@link DependencyChecks}). */
  private DependencyHealth check(ResourceID milvus, String what, List<String> endpoints) {
    return checks.current(new ProbeCache.Target(what, List.copyOf(endpoints)), milvus);
  }
}
