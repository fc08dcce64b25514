package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code status.ingress}: the status of the Milvus's Ingress as the API server last told it (its load balancer's
 * addresses, set by the ingress controller), as upstream mirrors it; none without an Ingress.
 */
final class IngressStatusOf {

  private IngressStatusOf() {}

  static Optional<IngressStatus> written(List<Written> written) {
    return written.stream().filter(w -> w.outcome() != Written.Outcome.DELETED).map(Written::object)
        .filter(Ingress.class::isInstance).map(Ingress.class::cast)
        .map(Ingress::getStatus)
        .filter(status -> status != null && status.getLoadBalancer() != null && status.getLoadBalancer().getIngress() != null
            && !status.getLoadBalancer().getIngress().isEmpty())
        .findFirst();
  }
}
