package io.milvus.operator.kubesim.faults;

import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import java.util.Objects;
import java.util.Set;

/**
 * Which requests a {@link Fault} hits, and how often: requests of one client (by the name it gives the API server
 * as its User-Agent, see {@code KubeSim.newClient(String, ApiCallLog)}), optionally only some verbs and resources.
 *
 * <pre>{@code
 * sim.faults().inject(FaultRule.forClient("milvus-operator").rate(0.02).fault(Fault.unavailable()),
 *     FaultRule.forClient("milvus-operator").verbs("update", "patch").resources("milvuses").rate(0.05)
 *         .fault(Fault.conflict()));
 * }</pre>
 *
 * @param client the User-Agent of the requests this rule hits
 * @param verbs empty for every verb (get, list, watch, create, update, patch, delete, deletecollection)
 * @param resources plural resource names, empty for every resource
 * @param rate the share of matching requests hit, from 0 to 1
 */
public record FaultRule(String client, Set<String> verbs, Set<String> resources, double rate, Fault fault) {

  public FaultRule {
    Objects.requireNonNull(client, "client");
    verbs = Set.copyOf(verbs);
    resources = Set.copyOf(resources);
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1, got " + rate);
    }
    Objects.requireNonNull(fault, "fault");
  }

  /** A rule for every request of {@code client}, every time, with no fault yet: narrow it with the methods below. */
  public static FaultRule forClient(String client) {
    return new FaultRule(client, Set.of(), Set.of(), 1, Fault.internalError());
  }

  public FaultRule verbs(String... newVerbs) {
    return new FaultRule(client, Set.of(newVerbs), resources, rate, fault);
  }

  public FaultRule resources(String... newResources) {
    return new FaultRule(client, verbs, Set.of(newResources), rate, fault);
  }

  public FaultRule rate(double newRate) {
    return new FaultRule(client, verbs, resources, newRate, fault);
  }

  public FaultRule fault(Fault newFault) {
    return new FaultRule(client, verbs, resources, rate, newFault);
  }

  /** Whether the request is one this rule may hit (the dice decide whether it does). */
  boolean matches(String userAgent, ApiCall call) {
    return client.equals(userAgent)
        && (verbs.isEmpty() || verbs.contains(call.verb()))
        && (resources.isEmpty() || resources.contains(call.resource()))
        && fault.canHit(call);
  }

  @Override
  public String toString() {
    return fault.kind() + " for " + Math.round(rate * 1000) / 10.0 + "% of " + client + "'s "
        + (verbs.isEmpty() ? "requests" : String.join("/", verbs)) + (resources.isEmpty() ? "" : " on " + resources);
  }
}
