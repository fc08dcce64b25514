package io.milvus.operator.migration.run;

import io.milvus.operator.migration.meta.MetaKeys;
import java.util.Collection;
import java.util.List;

/** Which session keys forbid touching the metadata (keys relative to the meta root). */
public final class SessionRules {
  /** Session key prefixes of the Milvus components; a prefix also matches {@code querynode-12}. */
  public static final List<String> COMPONENT_SESSIONS = List.of(
      "rootcoord", "indexcoord", "indexnode", "datacoord", "datanode", "querycoord", "querynode", "proxy")
      .stream().map(role -> MetaKeys.SESSIONS + role).toList();

  /** The exclusive lock of a migration tool, ours or upstream's: same key, so each excludes the other. */
  public static final String MIGRATION_LOCK = MetaKeys.SESSIONS + "migration";

  private SessionRules() {}

  public static boolean isComponentSession(String key) {
    return MetaKeys.underAny(key, COMPONENT_SESSIONS);
  }

  public static List<String> aliveComponents(Collection<String> sessionKeys) {
    return sessionKeys.stream().filter(SessionRules::isComponentSession).sorted().toList();
  }
}
