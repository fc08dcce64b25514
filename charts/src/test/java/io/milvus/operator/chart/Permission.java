package io.milvus.operator.chart;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One thing RBAC can allow: a verb on a resource (with its subresource, as RBAC spells it: {@code milvuses/status})
 * of an API group ("" for core).
 */
record Permission(String group, String resource, String verb) implements Comparable<Permission> {

  private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::group)
      .thenComparing(Permission::resource).thenComparing(Permission::verb);

  static Permission of(ApiCall call) {
    String resource = call.subresource() == null ? call.resource() : call.resource() + "/" + call.subresource();
    return new Permission(call.group(), resource, call.verb());
  }

  /** Every permission a rule grants; a rule with a wildcard or resourceNames is refused outright. */
  static Stream<Permission> grantedBy(PolicyRule rule) {
    List<String> all = Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs())
        .flatMap(List::stream).toList();
    if (all.contains("*")) {
      throw new AssertionError("A wildcard grants more than the operator uses: " + rule);
    }
    if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
      throw new AssertionError("resourceNames are not modelled by this test: " + rule);
    }
    return rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
        .flatMap(resource -> rule.getVerbs().stream().map(verb -> new Permission(group, resource, verb))));
  }

  @Override
  public int compareTo(Permission other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }
}
