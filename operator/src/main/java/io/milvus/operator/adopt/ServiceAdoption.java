package io.milvus.operator.adopt;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure: the client Service {@code <cr>-milvus} is adopted as it is where a rewrite could break it. Its selector is kept
 * when it already selects the serving pods (the Go operator's holds managed-by, an older one's the component; both are
 * labels every serving pod of this operator carries, so the Service keeps its endpoints through a takeover), and each
 * port keeps its allocated nodePort (a NodePort or LoadBalancer Service's clients use it). The cluster IP is kept by
 * {@code ObjectApplier} (immutable on a real API server).
 */
public final class ServiceAdoption {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private ServiceAdoption() {}

  /**
   * @param servingPodLabels the labels of the pods the Service must reach (standalone's, or the proxy's), as rendered
   */
  public static Service desired(Service rendered, Optional<Service> live, Map<String, String> servingPodLabels) {
    if (live.isEmpty() || live.get().getSpec() == null) {
      return rendered;
    }
    Service kept = JSON.clone(rendered);
    Map<String, String> liveSelector = live.get().getSpec().getSelector();
    if (liveSelector != null && !liveSelector.isEmpty()
        && servingPodLabels.entrySet().containsAll(liveSelector.entrySet())) {
      kept.getSpec().setSelector(liveSelector);
    }
    boolean nodePorts = !"ClusterIP".equals(Optional.ofNullable(kept.getSpec().getType()).orElse("ClusterIP"));
    for (ServicePort port : kept.getSpec().getPorts()) {
      if (nodePorts && port.getNodePort() == null && live.get().getSpec().getPorts() != null) {
        live.get().getSpec().getPorts().stream().filter(p -> Objects.equals(p.getName(), port.getName()))
            .map(ServicePort::getNodePort).filter(Objects::nonNull).findFirst().ifPresent(port::setNodePort);
      }
    }
    return kept;
  }
}
