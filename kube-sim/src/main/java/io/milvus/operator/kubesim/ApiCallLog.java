package io.milvus.operator.kubesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A thread-safe record of the API requests one client made, in the order they were sent.
 * Attach it with {@link KubeSim#newClient(ApiCallLog)}; the simulator's own controllers are never recorded.
 */
public final class ApiCallLog {

  private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

  /**
   * One request, in Kubernetes' audit vocabulary.
   *
   * @param verb get, list, watch, create, update, patch, delete or deletecollection
   * @param group API group, "" for the core group, null for non-resource paths such as /version
   * @param subresource e.g. "status" or "scale", null when the request is on the object itself
   * @param namespace null for cluster-scoped or all-namespace requests
   * @param name null for collection requests
   */
  public record ApiCall(String verb, String group, String version, String resource, String subresource,
                        String namespace, String name) {

    public boolean isWrite() {
      return WRITE_VERBS.contains(verb);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(verb).append(' ');
      if (group != null && !group.isEmpty()) {
        s.append(group).append('/');
      }
      s.append(resource);
      if (subresource != null) {
        s.append('/').append(subresource);
      }
      if (namespace != null || name != null) {
        s.append(' ').append(namespace == null ? "" : namespace + "/").append(name == null ? "*" : name);
      }
      return s.toString();
    }
  }

  /** A create and the body it sent. */
  public record Create(ApiCall call, String body) {
  }

  /** Appended to by every request (tens of thousands in a benchmark): a plain list under its own lock. */
  private final List<ApiCall> calls = new ArrayList<>();
  private final List<Create> creates;

  /** A log of the requests alone. */
  public ApiCallLog() {
    this(false);
  }

  private ApiCallLog(boolean keepCreateBodies) {
    this.creates = keepCreateBodies ? new ArrayList<>() : null;
  }

  /** A log that also keeps what every create sent, e.g. for a benchmark to send the same objects again. */
  public static ApiCallLog keepingCreateBodies() {
    return new ApiCallLog(true);
  }

  synchronized void record(ApiCall call, Supplier<String> body) {
    calls.add(call);
    if (creates != null && "create".equals(call.verb())) {
      creates.add(new Create(call, body.get()));
    }
  }

  /** Every create with its body, oldest first; empty unless the log was made {@link #keepingCreateBodies()}. */
  public synchronized List<Create> creates() {
    return creates == null ? List.of() : List.copyOf(creates);
  }

  /** A snapshot of every call so far, oldest first. */
  public synchronized List<ApiCall> calls() {
    return List.copyOf(calls);
  }

  /** Calls with the given verb on the given resource (plural, e.g. "deployments"). */
  public List<ApiCall> calls(String verb, String resource) {
    return calls().stream().filter(c -> c.verb().equals(verb) && resource.equals(c.resource())).toList();
  }

  /** The number of create, update, patch, delete and deletecollection calls. */
  public long writes() {
    return calls().stream().filter(ApiCall::isWrite).count();
  }

  public synchronized void clear() {
    calls.clear();
    if (creates != null) {
      creates.clear();
    }
  }
}
