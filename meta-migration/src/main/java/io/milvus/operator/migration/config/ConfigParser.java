package io.milvus.operator.migration.config;

import io.milvus.operator.migration.support.IoErrors;
import io.milvus.operator.migration.support.MigrationException;
import io.milvus.operator.migration.version.SemVer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads upstream's migration.yaml (same keys, same defaults) into a {@link MigrationConfig}. */
public final class ConfigParser {
  private static final String DEFAULT_ENDPOINT = "localhost:2379";
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private ConfigParser() {}

  public static MigrationConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException("cannot read config file " + file + ": " + IoErrors.describe(e, file), e);
    }
    return parse(text);
  }

  public static MigrationConfig parse(String yaml) {
    YamlSettings settings;
    try {
      settings = YamlSettings.parse(yaml);
    } catch (YAMLException e) {
      throw new MigrationException("config is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    String rawCommand = settings.last("cmd.type").orElse("");
    Command command = Command.parse(rawCommand).orElseThrow(() -> new MigrationException(
        "cmd not set or not supported: cmd.type='" + rawCommand + "' (expected backup, run or rollback)"));
    String metastore = settings.last("metastore.type").orElse("etcd");
    if (!metastore.equalsIgnoreCase("etcd")) {
      throw new MigrationException(metastore + " is not supported now (metastore.type; only etcd is)");
    }
    if (bool(settings, "etcd.use.embed", false)) {
      throw new MigrationException("embedded etcd (etcd.use.embed: true) is not supported");
    }
    return new MigrationConfig(
        command,
        bool(settings, "cmd.runWithBackup", false),
        version(settings, "config.sourceVersion"),
        version(settings, "config.targetVersion"),
        settings.last("config.backupFilePath").filter(s -> !s.isEmpty()).map(Path::of),
        etcd(settings));
  }

  private static EtcdConfig etcd(YamlSettings settings) {
    return new EtcdConfig(
        endpoints(settings),
        settings.last("etcd.rootPath").orElse("by-dev"),
        settings.last("etcd.metaSubPath").orElse("meta"),
        settings.last("etcd.kvSubPath").orElse("kv"),
        tls(settings),
        auth(settings),
        ClientTuning.defaults());
  }

  /** Lists, comma-joined strings and repeated keys all count (paramtable joins lists with commas). */
  private static List<String> endpoints(YamlSettings settings) {
    Set<String> endpoints = new LinkedHashSet<>();
    for (String value : settings.all("etcd.endpoints")) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          endpoints.add(part.trim());
        }
      }
    }
    return endpoints.isEmpty() ? List.of(DEFAULT_ENDPOINT) : new ArrayList<>(endpoints);
  }

  private static Optional<EtcdTls> tls(YamlSettings settings) {
    if (!bool(settings, "etcd.ssl.enabled", false)) {
      return Optional.empty();
    }
    return Optional.of(new EtcdTls(
        path(settings, "etcd.ssl.tlsCert"),
        path(settings, "etcd.ssl.tlsKey"),
        path(settings, "etcd.ssl.tlsCACert"),
        settings.last("etcd.ssl.tlsMinVersion").filter(s -> !s.isEmpty())));
  }

  private static Optional<EtcdAuth> auth(YamlSettings settings) {
    if (!bool(settings, "etcd.auth.enabled", false)) {
      return Optional.empty();
    }
    String user = settings.last("etcd.auth.userName").orElseThrow(
        () -> new MigrationException("etcd.auth.enabled is true but etcd.auth.userName is not set"));
    String password = settings.last("etcd.auth.password").orElseThrow(
        () -> new MigrationException("etcd.auth.enabled is true but etcd.auth.password is not set"));
    return Optional.of(new EtcdAuth(user, password));
  }

  private static Optional<Path> path(YamlSettings settings, String key) {
    return settings.last(key).filter(s -> !s.isEmpty()).map(Path::of);
  }

  private static SemVer version(YamlSettings settings, String key) {
    String text = settings.last(key).orElseThrow(() -> new MigrationException(key + " is not set"));
    try {
      return SemVer.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(key + ": " + e.getMessage(), e);
    }
  }

  /** Go's strconv.ParseBool spellings, so a config upstream accepts is accepted here. */
  private static boolean bool(YamlSettings settings, String key, boolean fallback) {
    Optional<String> text = settings.last(key);
    if (text.isEmpty() || text.get().isEmpty()) {
      return fallback;
    }
    if (TRUE.contains(text.get())) {
      return true;
    }
    if (FALSE.contains(text.get())) {
      return false;
    }
    throw new MigrationException(key + " must be true or false, got '" + text.get().toLowerCase(Locale.ROOT) + "'");
  }
}
