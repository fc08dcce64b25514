package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: the API server's discovery documents (/api, /apis, /api/v1, /apis/{group}/{version}) for the built-in
 * kinds and the stored CustomResourceDefinitions, which the mock server does not serve and kubectl needs.
 */
final class ApiDiscovery {

  private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
      "update", "watch");

  /** A resource type as discovery lists it. */
  record Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
                  List<String> shortNames, boolean hasStatus, boolean hasScale, List<String> categories) {

    Resource(String group, String version, String plural, String singular, String kind, boolean namespaced,
             List<String> shortNames, boolean hasStatus, boolean hasScale) {
      this(group, version, plural, singular, kind, namespaced, shortNames, hasStatus, hasScale,
          IN_CATEGORY_ALL.contains(group + "/" + plural) ? List.of("all") : List.of());
    }

    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  /** The built-ins {@code kubectl get all} lists, as Kubernetes puts them in the category "all". */
  private static final java.util.Set<String> IN_CATEGORY_ALL = java.util.Set.of("/pods", "/services",
      "/replicationcontrollers", "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets",
      "batch/jobs", "batch/cronjobs", "autoscaling/horizontalpodautoscalers");

  static final List<Resource> BUILT_IN = List.of(
      core("pods", "pod", "Pod", true, List.of("po"), true, false),
      core("services", "service", "Service", true, List.of("svc"), true, false),
      core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), false, false),
      core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), false, false),
      core("secrets", "secret", "Secret", true, List.of(), false, false),
      core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), false, false),
      core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, List.of("pvc"), true, false),
      core("persistentvolumes", "persistentvolume", "PersistentVolume", false, List.of("pv"), true, false),
      core("namespaces", "namespace", "Namespace", false, List.of("ns"), true, false),
      core("nodes", "node", "Node", false, List.of("no"), true, false),
      core("events", "event", "Event", true, List.of("ev"), false, false),
      new Resource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), true, true),
      new Resource("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), true, true),
      new Resource("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), true, true),
      new Resource("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), true, false),
      new Resource("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, List.of(), false, false),
      new Resource("batch", "v1", "jobs", "job", "Job", true, List.of(), true, false),
      new Resource("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"), true, false),
      new Resource("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, List.of("pdb"), true, false),
      new Resource("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true, List.of("hpa"), true, false),
      new Resource("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, List.of("ing"), true, false),
      new Resource("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, List.of("netpol"), false, false),
      new Resource("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, List.of(), false, false),
      new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, List.of(), false, false),
      new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, List.of(), false, false),
      new Resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, List.of(), false, false),
      new Resource("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, List.of("sc"), false, false),
      new Resource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false, false),
      new Resource("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), false, false),
      new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, List.of("crd", "crds"), true, false));

  private ApiDiscovery() {
  }

  private static Resource core(String plural, String singular, String kind, boolean namespaced, List<String> shortNames,
                               boolean status, boolean scale) {
    return new Resource("", "v1", plural, singular, kind, namespaced, shortNames, status, scale);
  }

  /** True for the four discovery paths (query string excluded). */
  static boolean isDiscoveryPath(String path) {
    String[] segments = segments(path);
    return (segments.length == 1 && (segments[0].equals("api") || segments[0].equals("apis")))
        || (segments.length == 2 && segments[0].equals("api"))
        || (segments.length == 3 && segments[0].equals("apis"));
  }

  /** Every resource type served: the built-ins and those of the CRDs. */
  static List<Resource> all(List<CustomResourceDefinition> crds) {
    List<Resource> all = new ArrayList<>(BUILT_IN);
    crds.forEach(crd -> all.addAll(fromCrd(crd)));
    return all;
  }

  /** The document for a discovery path as an object to serialize, or null when the group/version is unknown. */
  static Object document(String path, List<CustomResourceDefinition> crds) {
    String[] segments = segments(path);
    List<Resource> all = all(crds);
    if (segments.length == 1 && segments[0].equals("api")) {
      return new APIVersionsBuilder().withVersions("v1").addNewServerAddressByClientCIDR("0.0.0.0/0", "127.0.0.1").build();
    }
    if (segments.length == 1) {
      return new APIGroupListBuilder().withGroups(groups(all)).build();
    }
    String groupVersion = segments.length == 2 ? segments[1] : segments[1] + "/" + segments[2];
    List<APIResource> resources = new ArrayList<>();
    for (Resource r : all) {
      if (r.groupVersion().equals(groupVersion)) {
        resources.addAll(apiResources(r));
      }
    }
    if (resources.isEmpty()) {
      return null;
    }
    return new APIResourceListBuilder().withGroupVersion(groupVersion).withResources(resources).build();
  }

  private static List<APIGroup> groups(List<Resource> all) {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (Resource r : all) {
      if (!r.group().isEmpty()) {
        List<String> versions = versionsByGroup.computeIfAbsent(r.group(), g -> new ArrayList<>());
        if (!versions.contains(r.version())) {
          versions.add(r.version());
        }
      }
    }
    List<APIGroup> groups = new ArrayList<>();
    versionsByGroup.forEach((group, versions) -> {
      List<GroupVersionForDiscovery> gvs = versions.stream()
          .map(v -> new GroupVersionForDiscovery(group + "/" + v, v)).toList();
      groups.add(new APIGroupBuilder().withName(group).withVersions(gvs).withPreferredVersion(gvs.get(0)).build());
    });
    return groups;
  }

  private static List<APIResource> apiResources(Resource r) {
    List<APIResource> list = new ArrayList<>();
    list.add(new APIResourceBuilder().withName(r.plural()).withSingularName(r.singular()).withKind(r.kind())
        .withNamespaced(r.namespaced()).withVerbs(VERBS).withShortNames(r.shortNames())
        .withCategories(r.categories().isEmpty() ? null : r.categories()).build());
    if (r.hasStatus()) {
      list.add(new APIResourceBuilder().withName(r.plural() + "/status").withSingularName("").withKind(r.kind())
          .withNamespaced(r.namespaced()).withVerbs("get", "patch", "update").build());
    }
    if (r.hasScale()) {
      list.add(new APIResourceBuilder().withName(r.plural() + "/scale").withSingularName("").withKind("Scale")
          .withGroup("autoscaling").withVersion("v1").withNamespaced(r.namespaced()).withVerbs("get", "patch", "update").build());
    }
    return list;
  }

  private static List<Resource> fromCrd(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    if (spec == null || spec.getNames() == null || spec.getVersions() == null) {
      return List.of();
    }
    List<Resource> resources = new ArrayList<>();
    for (CustomResourceDefinitionVersion version : spec.getVersions()) {
      if (Boolean.FALSE.equals(version.getServed())) {
        continue;
      }
      boolean status = version.getSubresources() != null && version.getSubresources().getStatus() != null;
      boolean scale = version.getSubresources() != null && version.getSubresources().getScale() != null;
      var names = spec.getNames();
      resources.add(new Resource(spec.getGroup(), version.getName(), names.getPlural(),
          names.getSingular() == null ? names.getKind().toLowerCase(java.util.Locale.ROOT) : names.getSingular(),
          names.getKind(), !"Cluster".equals(spec.getScope()),
          names.getShortNames() == null ? List.of() : names.getShortNames(), status, scale,
          names.getCategories() == null ? List.of() : names.getCategories()));
    }
    return resources;
  }

  private static String[] segments(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    return java.util.Arrays.stream(bare.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
