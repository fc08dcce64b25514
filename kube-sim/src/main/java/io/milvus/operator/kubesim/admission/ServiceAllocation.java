package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.milvus.operator.kubesim.WriteAdmission.ObjectLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * What the Service REST storage of a Kubernetes 1.31 API server does to a Service in the create or update itself,
 * before it is stored ({@code pkg/registry/core/service/storage/storage.go} beginCreate/beginUpdate and {@code
 * alloc.go}): its IP family fields, a cluster IP from the service CIDR {@value #SERVICE_CIDR} (none for a headless
 * "None" or an ExternalName Service) and a node port from {@value #NODE_PORTS} for each port of a NodePort or
 * LoadBalancer Service (and a health check node port for a LoadBalancer with the Local traffic policy). An update
 * that leaves out what was allocated keeps it ({@code patchAllocatedValues}); what a client asks for must be in range
 * and free ({@code allocIPs}, {@code initNodePorts}: 422).
 *
 * <p>Allocations are remembered with the Service that holds them, and an address or port is free again once that
 * Service is gone or no longer carries it (a deletion, a type change, a create that was refused after allocating).
 * Dynamic allocation picks at random above the low band kept for static requests, as the bitmap allocators do.
 */
final class ServiceAllocation {

  static final String SERVICE_CIDR = "10.96.0.0/12";
  static final String NODE_PORTS = "30000-32767";
  private static final int CIDR_BASE = (10 << 24) | (96 << 16);
  private static final int CIDR_SIZE = 1 << 20;
  /** Addresses base+1 .. base+size-2: neither the network nor the broadcast address. */
  private static final int ADDRESSES = CIDR_SIZE - 2;
  /** {@code calculateRangeOffset}: the low band that dynamic allocation leaves to static requests while it can. */
  private static final int ADDRESS_STATIC_BAND = Math.min(Math.max(16, ADDRESSES / 16), 256);
  private static final int FIRST_NODE_PORT = 30000;
  private static final int NODE_PORT_COUNT = 2768;
  private static final int NODE_PORT_STATIC_BAND = Math.min(Math.max(16, NODE_PORT_COUNT / 32), 128);
  private static final String NONE = "None";

  /** Who holds an address or a port. */
  private record Holder(String namespace, String name, String uid) {
  }

  private final Random random;
  private final Map<Integer, Holder> addresses = new ConcurrentHashMap<>();
  private final Map<Integer, Holder> nodePorts = new ConcurrentHashMap<>();

  ServiceAllocation(Random random) {
    this.random = random;
  }

  // --- mutation: applied with the defaults, before validation ---

  /** A create: the IP family fields, then the cluster IP and node ports the Service needs and did not ask for. */
  void onCreate(ObjectNode service, String namespace, ObjectLookup lookup) {
    ObjectNode spec = service.with("spec");
    String ip = spec.path("clusterIP").asText("");
    if (!ip.isEmpty() && spec.path("clusterIPs").isEmpty()) {
      spec.putArray("clusterIPs").add(ip);
    }
    initIpFamilies(spec, null);
    Holder holder = holderOf(service, namespace);
    if (needsClusterIp(spec) && spec.path("clusterIPs").isEmpty()) {
      allocateClusterIp(spec, holder, lookup);
    }
    if (needsNodePorts(spec)) {
      allocateNodePorts(spec, holder, lookup);
    }
    if (needsHealthCheckNodePort(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
      spec.put("healthCheckNodePort", nextNodePort(holder, lookup, requestedNodePorts(spec)));
    }
  }

  /** An update (a PUT or a patch): what the client left out of the allocated values is kept, then as at create. */
  void onUpdate(ObjectNode service, JsonNode old, String namespace, ObjectLookup lookup) {
    ObjectNode spec = service.with("spec");
    JsonNode was = old.path("spec");
    dropTypeDependentFields(spec, was);
    patchAllocatedValues(spec, was);
    normalizeClusterIps(spec, was);
    initIpFamilies(spec, was);
    Holder holder = holderOf(service, namespace);
    boolean wasExternalName = "ExternalName".equals(was.path("type").asText());
    if (wasExternalName && needsClusterIp(spec) && firstClusterIp(spec).isEmpty()) {
      allocateClusterIp(spec, holder, lookup);
    }
    if (needsNodePorts(spec)) {
      allocateNodePorts(spec, holder, lookup);
    }
    if (needsHealthCheckNodePort(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
      spec.put("healthCheckNodePort", nextNodePort(holder, lookup, requestedNodePorts(spec)));
    }
  }

  /**
   * {@code dropTypeDependentFields} (pkg/registry/core/service/strategy.go): a type change drops what the new type
   * does not use (cluster IPs and IP families for ExternalName, node ports for ClusterIP, ...) when the client left
   * it as it was; a value the client changed stays, for validation to judge.
   */
  private static void dropTypeDependentFields(ObjectNode spec, JsonNode was) {
    if (needsClusterIp(was) && !needsClusterIp(spec)) {
      for (String field : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
        if (JsonNodes.semanticallyEqual(spec.path(field), was.path(field))) {
          spec.remove(field);
        }
      }
    }
    if (isNodePortType(was) && !isNodePortType(spec) && nodePortsOf(spec).equals(nodePortsOf(was))) {
      spec.path("ports").forEach(port -> ((ObjectNode) port).remove("nodePort"));
    }
    if (needsHealthCheckNodePort(was) && !needsHealthCheckNodePort(spec)
        && spec.path("healthCheckNodePort").asInt(0) == was.path("healthCheckNodePort").asInt(0)) {
      spec.remove("healthCheckNodePort");
    }
    boolean wasLoadBalancer = "LoadBalancer".equals(was.path("type").asText());
    if (wasLoadBalancer && !"LoadBalancer".equals(spec.path("type").asText())
        && JsonNodes.semanticallyEqual(spec.path("allocateLoadBalancerNodePorts"), was.path("allocateLoadBalancerNodePorts"))) {
      spec.remove("allocateLoadBalancerNodePorts");
    }
    if (!isNodePortType(spec) && JsonNodes.semanticallyEqual(spec.path("externalTrafficPolicy"),
        was.path("externalTrafficPolicy"))) {
      spec.remove("externalTrafficPolicy");
    }
  }

  private static void patchAllocatedValues(ObjectNode spec, JsonNode was) {
    if (needsClusterIp(spec) && needsClusterIp(was)) {
      if (spec.path("clusterIP").asText("").isEmpty() && was.hasNonNull("clusterIP")) {
        spec.set("clusterIP", was.get("clusterIP").deepCopy());
      }
      if (spec.path("clusterIPs").isEmpty() && !was.path("clusterIPs").isEmpty()) {
        spec.set("clusterIPs", was.get("clusterIPs").deepCopy());
      }
    }
    if (isNodePortType(spec) && isNodePortType(was)) {
      Set<Integer> used = nodePortsOf(was);
      used.retainAll(nodePortsOf(spec));
      Map<String, Integer> byName = new HashMap<>();
      for (JsonNode port : was.path("ports")) {
        byName.put(port.path("name").asText(""), port.path("nodePort").asInt(0));
      }
      for (JsonNode port : spec.path("ports")) {
        int before = byName.getOrDefault(port.path("name").asText(""), 0);
        if (port.path("nodePort").asInt(0) == 0 && before != 0 && !used.contains(before)) {
          ((ObjectNode) port).put("nodePort", before);
        }
      }
    }
    if (needsHealthCheckNodePort(spec) && needsHealthCheckNodePort(was)
        && spec.path("healthCheckNodePort").asInt(0) == 0 && was.path("healthCheckNodePort").asInt(0) != 0) {
      spec.put("healthCheckNodePort", was.path("healthCheckNodePort").asInt());
    }
  }

  /** {@code normalizeClusterIPs} of an update: clusterIP and clusterIPs say the same. */
  private static void normalizeClusterIps(ObjectNode spec, JsonNode was) {
    String ip = spec.path("clusterIP").asText("");
    String before = was.path("clusterIP").asText("");
    boolean sameList = JsonNodes.semanticallyEqual(spec.path("clusterIPs"), was.path("clusterIPs"));
    if (!was.path("clusterIPs").isEmpty() && spec.path("clusterIPs").isEmpty() && ip.equals(before)) {
      spec.set("clusterIPs", was.get("clusterIPs").deepCopy());
    } else if (!ip.equals(before) && sameList) {
      if (ip.isEmpty()) {
        spec.remove("clusterIPs");
      } else {
        spec.putArray("clusterIPs").add(ip);
      }
    }
  }

  /**
   * {@code initIPFamilyFields} on a single-stack IPv4 cluster: the policy is the one before, or SingleStack, or, for
   * a headless Service without a selector, RequireDualStack (with both families listed).
   */
  private static void initIpFamilies(ObjectNode spec, JsonNode was) {
    if ("ExternalName".equals(spec.path("type").asText())) {
      return;
    }
    boolean headlessWithoutSelector = NONE.equals(spec.path("clusterIP").asText())
        && spec.path("selector").isEmpty();
    if (!spec.hasNonNull("ipFamilyPolicy")) {
      if (was != null && was.hasNonNull("ipFamilyPolicy")) {
        spec.set("ipFamilyPolicy", was.get("ipFamilyPolicy").deepCopy());
      } else {
        spec.put("ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
      }
    }
    if (spec.path("ipFamilies").isEmpty()) {
      ArrayNode families = spec.putArray("ipFamilies").add("IPv4");
      if (headlessWithoutSelector && !"SingleStack".equals(spec.path("ipFamilyPolicy").asText())) {
        families.add("IPv6");
      }
    }
  }

  private void allocateClusterIp(ObjectNode spec, Holder holder, ObjectLookup lookup) {
    int index = next(ADDRESSES, ADDRESS_STATIC_BAND, i -> isFree(addresses, i, lookup, ServiceAllocation::holdsAddress));
    if (index < 0) {
      return; // a full range is a 500 on a real server; a million addresses do not run out here
    }
    addresses.put(index, holder);
    String ip = address(index);
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
  }

  /** {@code initNodePorts}: each port without one gets a node port; ports of one number share it. */
  private void allocateNodePorts(ObjectNode spec, Holder holder, ObjectLookup lookup) {
    if (!allocatesNodePorts(spec)) {
      return;
    }
    Set<Integer> requested = requestedNodePorts(spec);
    Map<Integer, Integer> byPortNumber = new HashMap<>();
    for (JsonNode port : spec.path("ports")) {
      int nodePort = port.path("nodePort").asInt(0);
      if (nodePort != 0) {
        byPortNumber.putIfAbsent(port.path("port").asInt(), nodePort);
      }
    }
    for (JsonNode port : spec.path("ports")) {
      if (port.path("nodePort").asInt(0) != 0) {
        continue;
      }
      int number = port.path("port").asInt();
      Integer shared = byPortNumber.get(number);
      int nodePort = shared != null ? shared : nextNodePort(holder, lookup, requested);
      byPortNumber.put(number, nodePort);
      requested.add(nodePort);
      ((ObjectNode) port).put("nodePort", nodePort);
    }
  }

  private int nextNodePort(Holder holder, ObjectLookup lookup, Set<Integer> requested) {
    int index = next(NODE_PORT_COUNT, NODE_PORT_STATIC_BAND, i -> !requested.contains(FIRST_NODE_PORT + i)
        && isFree(nodePorts, FIRST_NODE_PORT + i, lookup, ServiceAllocation::holdsNodePort));
    if (index < 0) {
      return 0; // "failed to allocate a nodePort: range is full" on a real server
    }
    nodePorts.put(FIRST_NODE_PORT + index, holder);
    return FIRST_NODE_PORT + index;
  }

  /** A random free index above the static band, scanning on from a random start; then the static band. */
  private int next(int size, int staticBand, IntPredicate free) {
    int dynamic = size - staticBand;
    int start = random.nextInt(dynamic);
    for (int i = 0; i < dynamic; i++) {
      int candidate = staticBand + (start + i) % dynamic;
      if (free.test(candidate)) {
        return candidate;
      }
    }
    for (int candidate = 0; candidate < staticBand; candidate++) {
      if (free.test(candidate)) {
        return candidate;
      }
    }
    return -1;
  }

  // --- validation: what a client asked for ---

  /**
   * The addresses and node ports a create or an update asks for that it did not hold before: refused when out of
   * range or held by another Service (422; for the health check node port a 500, as {@code txnAllocNodePorts} wraps
   * it in an internal error); remembered as this Service's otherwise. Called once the object is valid.
   */
  Optional<Status> claimRequested(JsonNode service, JsonNode old, String namespace, ObjectLookup lookup) {
    JsonNode spec = service.path("spec");
    JsonNode was = old == null ? JsonNodes.object() : old.path("spec");
    Holder holder = holderOf(service, namespace);
    List<FieldError> errors = new ArrayList<>();
    JsonNode ips = spec.path("clusterIPs");
    Set<String> held = new HashSet<>();
    was.path("clusterIPs").forEach(ip -> held.add(ip.asText()));
    for (int i = 0; i < ips.size() && needsClusterIp(spec); i++) {
      String ip = ips.get(i).asText("");
      if (NONE.equals(ip) || held.contains(ip)) {
        continue;
      }
      Integer index = indexOf(ip);
      if (index == null) {
        errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip,
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
      } else if (index < 0) {
        errors.add(cannotAllocate(ips, ip, "the provided IP (" + ip + ") is not in the valid range. The range of "
            + "valid IPs is " + SERVICE_CIDR));
      } else if (!holder.equals(addresses.get(index))
          && !isFree(addresses, index, lookup, ServiceAllocation::holdsAddress)) {
        errors.add(cannotAllocate(ips, ip, "provided IP is already allocated"));
      }
    }
    Set<Integer> heldPorts = nodePortsOf(was);
    if (was.hasNonNull("healthCheckNodePort")) {
      heldPorts.add(was.path("healthCheckNodePort").asInt());
    }
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      int index = i;
      int nodePort = ports.get(i).path("nodePort").asInt(0);
      if (nodePort != 0 && !heldPorts.contains(nodePort)) {
        nodePortProblem(nodePort, holder, lookup).ifPresent(problem ->
            errors.add(FieldError.invalid("spec.ports[" + index + "].nodePort", nodePort, problem)));
      }
    }
    String name = service.path("metadata").path("name").asText("");
    if (!errors.isEmpty()) {
      return Optional.of(Refusals.invalid("Service", "", name, errors));
    }
    int healthCheckNodePort = spec.path("healthCheckNodePort").asInt(0);
    if (healthCheckNodePort != 0 && !heldPorts.contains(healthCheckNodePort)) {
      Optional<String> problem = nodePortProblem(healthCheckNodePort, holder, lookup);
      if (problem.isPresent()) {
        return Optional.of(Refusals.internalError(
            "failed to allocate requested HealthCheck NodePort " + healthCheckNodePort + ": " + problem.get()));
      }
    }
    for (JsonNode ip : ips) {
      Integer index = indexOf(ip.asText(""));
      if (index != null && index >= 0) {
        addresses.put(index, holder);
      }
    }
    for (int nodePort : requestedNodePorts(spec)) {
      nodePorts.put(nodePort, holder);
    }
    return Optional.empty();
  }

  private Optional<String> nodePortProblem(int nodePort, Holder holder, ObjectLookup lookup) {
    if (nodePort < FIRST_NODE_PORT || nodePort >= FIRST_NODE_PORT + NODE_PORT_COUNT) {
      return Optional.of("provided port is not in the valid range. The range of valid ports is " + NODE_PORTS);
    }
    if (!holder.equals(nodePorts.get(nodePort)) && !isFree(nodePorts, nodePort, lookup, ServiceAllocation::holdsNodePort)) {
      return Optional.of("provided port is already allocated");
    }
    return Optional.empty();
  }

  private static FieldError cannotAllocate(JsonNode ips, String ip, String why) {
    List<String> quoted = new ArrayList<>();
    ips.forEach(each -> quoted.add(FieldError.render(each.asText(""))));
    return new FieldError(FieldError.Type.INVALID, "spec.clusterIPs", "[]string{" + String.join(", ", quoted) + "}",
        "failed to allocate IP " + ip + ": " + why);
  }

  // --- who holds what ---

  /** Free: nobody holds it, or its holder is gone or no longer carries it (then it is forgotten). */
  private static boolean isFree(Map<Integer, Holder> held, int key, ObjectLookup lookup, HoldCheck check) {
    Holder holder = held.get(key);
    if (holder == null) {
      return true;
    }
    boolean stillHeld = lookup.get("", "services", holder.namespace(), holder.name())
        .filter(live -> holder.uid().equals(live.path("metadata").path("uid").asText()))
        .filter(live -> check.holds(live.path("spec"), key))
        .isPresent();
    if (!stillHeld) {
      held.remove(key, holder);
    }
    return !stillHeld;
  }

  @FunctionalInterface
  private interface HoldCheck {
    boolean holds(JsonNode spec, int key);
  }

  private static boolean holdsAddress(JsonNode spec, int index) {
    for (JsonNode ip : spec.path("clusterIPs")) {
      if (Objects.equals(indexOf(ip.asText("")), index)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsNodePort(JsonNode spec, int nodePort) {
    return nodePortsOf(spec).contains(nodePort) || spec.path("healthCheckNodePort").asInt(0) == nodePort;
  }

  private static Holder holderOf(JsonNode service, String namespace) {
    JsonNode meta = service.path("metadata");
    return new Holder(namespace != null ? namespace : meta.path("namespace").asText(""), meta.path("name").asText(""),
        meta.path("uid").asText(""));
  }

  // --- the rules of which Service needs what ---

  private static boolean needsClusterIp(JsonNode spec) {
    return !"ExternalName".equals(spec.path("type").asText("ClusterIP"));
  }

  private static String firstClusterIp(JsonNode spec) {
    return spec.path("clusterIP").asText("");
  }

  private static boolean isNodePortType(JsonNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    return "NodePort".equals(type) || "LoadBalancer".equals(type);
  }

  private static boolean needsNodePorts(JsonNode spec) {
    return isNodePortType(spec);
  }

  /** A LoadBalancer may opt out of node ports ({@code allocateLoadBalancerNodePorts: false}). */
  private static boolean allocatesNodePorts(JsonNode spec) {
    return !"LoadBalancer".equals(spec.path("type").asText()) || spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
  }

  private static boolean needsHealthCheckNodePort(JsonNode spec) {
    return "LoadBalancer".equals(spec.path("type").asText()) && "Local".equals(spec.path("externalTrafficPolicy").asText());
  }

  private static Set<Integer> nodePortsOf(JsonNode spec) {
    Set<Integer> ports = new HashSet<>();
    for (JsonNode port : spec.path("ports")) {
      if (port.path("nodePort").asInt(0) != 0) {
        ports.add(port.path("nodePort").asInt());
      }
    }
    return ports;
  }

  private static Set<Integer> requestedNodePorts(JsonNode spec) {
    Set<Integer> ports = nodePortsOf(spec);
    if (spec.path("healthCheckNodePort").asInt(0) != 0) {
      ports.add(spec.path("healthCheckNodePort").asInt());
    }
    return ports;
  }

  // --- addresses ---

  private static String address(int index) {
    int ip = CIDR_BASE + 1 + index;
    return (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
  }

  /** The index of an IPv4 address in the range, -1 outside it, null when it is no IP address. */
  private static Integer indexOf(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255 || part.length() > 1 && part.startsWith("0")) {
        return null;
      }
      value = (value << 8) | octet;
    }
    int offset = value - CIDR_BASE - 1;
    return (value & ~(CIDR_SIZE - 1)) == CIDR_BASE && offset >= 0 && offset < ADDRESSES ? offset : -1;
  }
}
