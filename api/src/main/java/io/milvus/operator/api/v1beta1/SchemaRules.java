package io.milvus.operator.api.v1beta1;

/** Patterns and CEL snippets shared by schema annotations (annotation values must be compile-time constants). */
final class SchemaRules {

  /** A DNS-1123 label: a Deployment name suffix and a label value. */
  static final String DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** A DNS-1123 subdomain: the name of a PVC, Secret or ConfigMap. */
  static final String DNS1123_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A DNS-1123 subdomain or "": upstream writes some names as "" when unset (no omitempty). */
  static final String DNS1123_SUBDOMAIN_OR_EMPTY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$";

  /** A Prometheus duration, as PodMonitor's interval takes it (30s, 1m30s). */
  static final String PROMETHEUS_DURATION = "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

  /** A release version as MilvusUpgrade takes it: v2.1.4, 2.2 (no pre-release). */
  static final String RELEASE_VERSION_CEL = "self.matches('^v?[0-9]+([.][0-9]+){0,2}$')";

  private SchemaRules() {}
}
