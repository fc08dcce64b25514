package io.milvus.operator.kubesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

  /** Appended to by every request (tens of thousands in a benchmark): a plain list under its own lock. */
  private final List<ApiCall> calls = new ArrayList<>();

  synchronized void record(ApiCall call) {
    calls.add(call);
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
  }
}
