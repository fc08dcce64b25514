package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;

/**
 * Allocates what the API server allocates for a Service: a cluster IP from 10.96.0.0/16 (the same one again if a
 * client's PUT drops it, as a real server keeps it) and node ports for NodePort and LoadBalancer services.
 * Headless ("None") and ExternalName services get no IP.
 */
final class ServiceController extends SimController {

  ServiceController(SimContext ctx) {
    super(ctx, "service-controller");
  }

  @Override
  void register() {
    ctx.informers().onChange(Service.class, svc -> queue.add(ObjectKey.of(svc)));
  }

  @Override
  void reconcile(ObjectKey key) {
    Service svc = ctx.informers().get(Service.class, key);
    if (svc == null || Owners.isTerminating(svc) || svc.getSpec() == null || !needsAllocation(svc)) {
      return;
    }
    String uid = svc.getMetadata().getUid();
    if (needsClusterIp(svc)) {
      String ip = ctx.addresses().clusterIp(uid);
      svc.getSpec().setClusterIP(ip);
      svc.getSpec().setClusterIPs(List.of(ip));
    }
    if (needsNodePorts(svc)) {
      for (ServicePort port : svc.getSpec().getPorts()) {
        if (port.getNodePort() == null) {
          port.setNodePort(ctx.addresses().nodePort(uid, port.getPort() == null ? 0 : port.getPort()));
        }
      }
    }
    // a PUT, not a merge patch: the mock merges lists (ports) instead of replacing them; a stale read gets a 409
    ctx.informers().remember(ctx.client().resource(svc).update());
  }

  private static boolean needsAllocation(Service svc) {
    return needsClusterIp(svc) || needsNodePorts(svc);
  }

  private static boolean needsClusterIp(Service svc) {
    String ip = svc.getSpec().getClusterIP();
    return !"ExternalName".equals(svc.getSpec().getType()) && (ip == null || ip.isEmpty());
  }

  private static boolean needsNodePorts(Service svc) {
    String type = svc.getSpec().getType();
    return ("NodePort".equals(type) || "LoadBalancer".equals(type)) && svc.getSpec().getPorts() != null
        && svc.getSpec().getPorts().stream().anyMatch(p -> p.getNodePort() == null);
  }
}
