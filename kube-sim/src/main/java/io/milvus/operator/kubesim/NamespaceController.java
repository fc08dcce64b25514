package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.Map;

/**
 * Makes every Namespace Active with its {@code kubernetes.io/metadata.name} label and gives it its {@code default}
 * ServiceAccount (pods without one run as it, and are refused until it exists), and creates the namespaces a cluster
 * starts with. Deleting a Namespace deletes what is in it: see {@link GarbageCollector}.
 */
final class NamespaceController extends SimController {

  static final String[] INITIAL = {"default", "kube-system"};
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  static final String DEFAULT_SERVICE_ACCOUNT = "default";

  NamespaceController(SimContext ctx) {
    super(ctx, "namespace-controller");
  }

  @Override
  void register() {
    ctx.informers().onChange(Namespace.class, ns -> queue.add(ObjectKey.of(ns)));
  }

  @Override
  void reconcile(ObjectKey key) {
    Namespace ns = ctx.informers().get(Namespace.class, key);
    if (ns == null || Owners.isTerminating(ns)) {
      return;
    }
    boolean labelled = ns.getMetadata().getLabels() != null && key.name().equals(ns.getMetadata().getLabels().get(NAME_LABEL));
    boolean active = ns.getStatus() != null && "Active".equals(ns.getStatus().getPhase());
    if (ctx.client().serviceAccounts().inNamespace(key.name()).withName(DEFAULT_SERVICE_ACCOUNT).get() == null) {
      ctx.client().serviceAccounts().inNamespace(key.name()).resource(new ServiceAccountBuilder()
          .withNewMetadata().withName(DEFAULT_SERVICE_ACCOUNT).endMetadata().build()).create();
    }
    if (!labelled || !active) {
      // status by merge patch of the object: the mock cannot route /namespaces/{name}/status
      mergePatch(ns, Map.of("metadata", Map.of("labels", Map.of(NAME_LABEL, key.name())),
          "status", Map.of("phase", "Active")));
    }
  }
}
