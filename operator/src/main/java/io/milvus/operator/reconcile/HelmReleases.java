package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.milvus.operator.adopt.HelmDependencies;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.RenderContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the dependencies the Go operator installed with Helm, which the labelled informers do not see. */
final class HelmReleases {

  private static final Logger LOG = LoggerFactory.getLogger(HelmReleases.class);

  private HelmReleases() {}

  /**
   * The context to render with: dependencies installed by Helm served as external (see {@link HelmDependencies}).
   * Only a Milvus that has a status (made before, by either operator) and misses a dependency's Service among this
   * operator's costs a read: the Services labelled managed-by Helm in its namespace.
   */
  static RenderContext served(Milvus milvus, RenderContext ctx, Context<Milvus> context) {
    if (milvus.getStatus() == null) {
      return ctx;
    }
    Set<String> ours = Secondaries.all(context, Service.class).stream().map(s -> s.getMetadata().getName())
        .collect(Collectors.toSet());
    List<String> candidates = HelmDependencies.installedByHelm(ctx,
        Set.copyOf(HelmDependencies.clientServices(ctx.name()).values()));
    if (candidates.stream().allMatch(d -> ours.contains(HelmDependencies.clientServices(ctx.name()).get(d)))) {
      return ctx;
    }
    Set<String> helmServices = context.getClient().services().inNamespace(ctx.namespace())
        .withLabel(Labels.MANAGED_BY, HelmDependencies.MANAGED_BY_HELM).list().getItems().stream()
        .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
    List<String> helm = HelmDependencies.installedByHelm(ctx, helmServices);
    if (helm.isEmpty()) {
      return ctx;
    }
    LOG.debug("{}/{}: dependencies installed by Helm, used where they are: {}", ctx.namespace(), ctx.name(), helm);
    return new RenderContext(ctx.name(), ctx.namespace(), ctx.uid(), HelmDependencies.servedAsExternal(ctx, helm));
  }
}
