package io.milvus.operator.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Permissions the chart grants although no scenario records their use, each with its reason:
 * {@code rbac-allow-list.yaml} beside this test. docs/install.md points there.
 */
final class RbacAllowList {

  record Entry(String group, String resource, List<String> verbs, String reason) {}

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private RbacAllowList() {}

  static List<Entry> entries() {
    return YAML.unmarshal(new ByteArrayInputStream(TestFiles.classpathText("rbac-allow-list.yaml")
        .getBytes(StandardCharsets.UTF_8)), new TypeReference<List<Entry>>() { });
  }

  static Set<Permission> permissions() {
    return entries().stream()
        .flatMap(e -> e.verbs().stream().map(v -> new Permission(e.group(), e.resource(), v)))
        .collect(Collectors.toSet());
  }
}
