package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Objects;

/**
 * The root-ca-cert-publisher of kube-controller-manager ({@code pkg/controller/certificates/rootcacertpublisher}):
 * every active namespace has the ConfigMap {@value #NAME} with the API server's CA bundle under {@code ca.crt}, which
 * every pod's ServiceAccount token volume projects (a kubelet fails the mount while it is missing). A deleted one is
 * put back, an edited one gets its data and its description annotation back.
 */
final class RootCaPublisher extends SimController {

  static final String NAME = "kube-root-ca.crt";
  static final String KEY = "ca.crt";
  private static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
  private static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when "
      + "using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
      + "guaranteed across distributions of Kubernetes clusters.";

  private final String caBundle;

  /** @param caBundle the PEM of the certificate that signs the API server's (empty when it serves plain HTTP) */
  RootCaPublisher(SimContext ctx, String caBundle) {
    super(ctx, "root-ca-cert-publisher");
    this.caBundle = caBundle;
  }

  @Override
  void register() {
    ctx.informers().onChange(Namespace.class, ns -> queue.add(new ObjectKey(ns.getMetadata().getName(), NAME)));
    ctx.informers().onChange(ConfigMap.class, cm -> {
      if (NAME.equals(cm.getMetadata().getName())) {
        queue.add(ObjectKey.of(cm));
      }
    });
  }

  @Override
  void reconcile(ObjectKey key) {
    Namespace ns = ctx.informers().get(Namespace.class, new ObjectKey(null, key.namespace()));
    if (ns == null || Owners.isTerminating(ns)) {
      return;
    }
    ConfigMap current = ctx.informers().get(ConfigMap.class, key);
    if (current == null) {
      publish(ctx.client(), key.namespace(), caBundle);
    } else if (!Objects.equals(Map.of(KEY, caBundle), current.getData()) || current.getMetadata().getAnnotations() == null
        || current.getMetadata().getAnnotations().getOrDefault(DESCRIPTION_ANNOTATION, "").isEmpty()) {
      ConfigMap fixed = new ConfigMapBuilder(current).withData(Map.of(KEY, caBundle)).editMetadata()
          .addToAnnotations(DESCRIPTION_ANNOTATION, DESCRIPTION).endMetadata().build();
      ctx.informers().remember(ctx.client().resource(fixed).update());
    }
  }

  /** Creates the ConfigMap in {@code namespace}; one that exists already is left to the controller. */
  static void publish(KubernetesClient client, String namespace, String caBundle) {
    try {
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
          .withNewMetadata().withName(NAME).addToAnnotations(DESCRIPTION_ANNOTATION, DESCRIPTION).endMetadata()
          .withData(Map.of(KEY, caBundle)).build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
