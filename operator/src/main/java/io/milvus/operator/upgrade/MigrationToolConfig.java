package io.milvus.operator.upgrade;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MilvusVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tool's {@code migration.yaml}, with the keys and defaults the meta-migration tool reads. */
public final class MigrationToolConfig {

  public static final String FILE_NAME = "migration.yaml";
  public static final String CONFIG_DIR = "/milvus/configs";
  public static final String DATA_DIR = "/milvus/data";
  public static final String BACKUP_FILE = DATA_DIR + "/migration.bak";
  /** The metadata layout every release from 2.2.0 on reads; the tool converts to no other. */
  static final MilvusVersion MIGRATED_LAYOUT = MilvusVersion.of(2, 2, 0);

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  private MigrationToolConfig() {}

  /**
   * The target the tool is given. The tool refuses targets above 2.2.x, yet 2.2.0's metadata layout is the one of
   * every later release: a 2.4 target is migrated as 2.2.0, then Milvus starts on the 2.4 image.
   */
  public static String toolTargetVersion(String targetVersion) {
    MilvusVersion target = parse(targetVersion);
    return target.sameMinor(MIGRATED_LAYOUT) ? plain(target) : plain(MIGRATED_LAYOUT);
  }

  /** The source without its {@code v}, as the tool wants it: "v2.1.4" gives "2.1.4", "2.1" gives "2.1.0". */
  public static String toolSourceVersion(String sourceVersion) {
    return plain(parse(sourceVersion));
  }

  public static String render(TaskKind kind, String sourceVersion, String targetVersion, EtcdAccess etcd) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cmd", Map.of("type", kind.command()));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("sourceVersion", toolSourceVersion(sourceVersion));
    config.put("targetVersion", toolTargetVersion(targetVersion));
    config.put("backupFilePath", BACKUP_FILE);
    doc.put("config", config);
    doc.put("metastore", Map.of("type", "etcd"));
    Map<String, Object> etcdSection = new LinkedHashMap<>();
    etcdSection.put("endpoints", etcd.endpoints());
    etcdSection.put("rootPath", etcd.rootPath());
    etcdSection.put("metaSubPath", etcd.metaSubPath());
    etcdSection.put("kvSubPath", etcd.kvSubPath());
    if (etcd.tls()) {
      etcdSection.put("ssl", etcd.ssl());
    }
    etcd.auth().ifPresent(auth -> {
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("enabled", true);
      section.put("userName", auth.userName());
      section.put("password", auth.password());
      etcdSection.put("auth", section);
    });
    doc.put("etcd", etcdSection);
    return JSON.asYaml(doc);
  }

  private static MilvusVersion parse(String version) {
    return MilvusVersion.parse(version)
        .orElseThrow(() -> new IllegalArgumentException("not a version: " + version));
  }

  private static String plain(MilvusVersion v) {
    return v.major() + "." + v.minor() + "." + v.patch();
  }
}
