package io.milvus.operator.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The rest of the Go operator's flags (its main, controller-runtime's {@code --kubeconfig}, zap's logging flags), so
 * that upstream's chart runs this image unchanged. Those that mean something here are acted on; the others are
 * accepted and each told once in the log as ignored, with the reason.
 */
public final class UpstreamFlags {

  /** Upstream's {@code --stop-reconcilers} values. */
  public static final String ALL = "all";
  public static final String MILVUS = "milvus";
  public static final String MILVUS_UPGRADE = "milvusupgrade";

  @Option(names = "--namespace", description = "The operator's own namespace (Go operator's flag): the lease's "
      + "namespace unless --leader-election-namespace says otherwise.")
  String namespace;

  @Option(names = "--name", description = "The operator's own Deployment (Go operator's flag; ignored).")
  String name;

  @Option(names = "--sync-interval", description = "Full reconcile interval in seconds (Go operator's flag; same as "
      + "--resync).")
  Integer syncIntervalSeconds;

  @Option(names = "--stop-reconcilers", split = ",",
      description = "Reconcilers not to run, comma separated: all, milvus, milvusupgrade (Go operator's flag).")
  List<String> stopReconcilers = List.of();

  @Option(names = "--kubeconfig", description = "The kubeconfig file to use instead of $KUBECONFIG, ~/.kube/config "
      + "or the in-cluster service account.")
  String kubeconfig;

  @Option(names = "--zap-encoder", description = "json or console (Go operator's flag; as --log-format json|text).")
  String zapEncoder;

  @Option(names = "--zap-log-level", description = "debug, info, error or a number (Go operator's flag): the log level.")
  String zapLogLevel;

  // accepted, not acted on: see ignored()
  @Option(names = "--concurrent-healthcheck", hidden = true) Integer concurrentHealthcheck;
  @Option(names = "--k8s-qps", hidden = true) Integer k8sQps;
  @Option(names = "--k8s-burst", hidden = true) Integer k8sBurst;
  @Option(names = "--tool-image", hidden = true) String toolImage;
  @Option(names = "--work-dir", hidden = true) String workDir;
  @Option(names = "--pprof", arity = "0..1", fallbackValue = "true", hidden = true) Boolean pprof;
  @Option(names = "--debug", arity = "0..1", fallbackValue = "true", hidden = true) Boolean debug;
  @Option(names = "--webhook", arity = "0..1", fallbackValue = "true", hidden = true) Boolean webhook;
  @Option(names = "--zap-devel", arity = "0..1", fallbackValue = "true", hidden = true) Boolean zapDevel;
  @Option(names = "--zap-stacktrace-level", hidden = true) String zapStacktraceLevel;
  @Option(names = "--zap-time-encoding", hidden = true) String zapTimeEncoding;

  /** One line per given flag this operator does not act on, saying why. */
  List<String> ignored() {
    List<String> lines = new ArrayList<>();
    ignore(lines, "--name", name, "this operator needs no copy of its own image in Milvus pods");
    ignore(lines, "--tool-image", toolImage, "Milvus pods run without the Go operator's init container");
    ignore(lines, "--work-dir", workDir, "the config templates are built in");
    ignore(lines, "--concurrent-healthcheck", concurrentHealthcheck,
        "dependency checks run off the reconcile threads, on their own two");
    ignore(lines, "--k8s-qps", k8sQps, "the Kubernetes client has no client-side rate limit");
    ignore(lines, "--k8s-burst", k8sBurst, "the Kubernetes client has no client-side rate limit");
    ignore(lines, "--pprof", pprof, "a Java process is profiled with JFR or a JMX agent");
    ignore(lines, "--debug", debug, "dependency checks are never skipped");
    ignore(lines, "--webhook", webhook,
        "validation runs in the CRD's schema and in the operator; no webhook (or cert-manager) is needed");
    ignore(lines, "--zap-devel", zapDevel, "use --log-format and --zap-log-level");
    ignore(lines, "--zap-stacktrace-level", zapStacktraceLevel, "errors are logged with their stack traces");
    ignore(lines, "--zap-time-encoding", zapTimeEncoding, "log times are ISO-8601");
    return lines;
  }

  private static void ignore(List<String> lines, String flag, Object value, String why) {
    if (value != null) {
      lines.add(flag + "=" + value + " is accepted for the Go operator's chart and ignored: " + why);
    }
  }

  Optional<Duration> resync() {
    if (syncIntervalSeconds == null) {
      return Optional.empty();
    }
    if (syncIntervalSeconds < 1) {
      throw new IllegalArgumentException("--sync-interval must be at least 1 (seconds), got " + syncIntervalSeconds);
    }
    return Optional.of(Duration.ofSeconds(syncIntervalSeconds));
  }

  /** The reconcilers to run, by upstream's names. */
  Set<String> reconcilers() {
    Set<String> stopped = new LinkedHashSet<>();
    for (String value : stopReconcilers) {
      String reconciler = value.trim().toLowerCase(Locale.ROOT);
      if (!reconciler.isEmpty() && !Set.of(ALL, MILVUS, MILVUS_UPGRADE).contains(reconciler)) {
        throw new IllegalArgumentException("--stop-reconcilers takes all, milvus or milvusupgrade, got '" + value + "'");
      }
      stopped.add(reconciler);
    }
    Set<String> running = new LinkedHashSet<>(List.of(MILVUS, MILVUS_UPGRADE));
    if (stopped.contains(ALL)) {
      running.clear();
    }
    running.removeAll(stopped);
    return running;
  }

  /** {@code --zap-encoder} as a {@code --log-format}, if given. */
  Optional<String> logFormat() {
    if (zapEncoder == null) {
      return Optional.empty();
    }
    return switch (zapEncoder.trim().toLowerCase(Locale.ROOT)) {
      case "json" -> Optional.of("json");
      case "console" -> Optional.of("text");
      default -> throw new IllegalArgumentException("--zap-encoder must be json or console, got '" + zapEncoder + "'");
    };
  }

  /** zap's level as logback's: debug, info, error, or a number (greater is more verbose, 1 and up is debug). */
  Optional<String> logLevel() {
    if (zapLogLevel == null) {
      return Optional.empty();
    }
    String level = zapLogLevel.trim().toLowerCase(Locale.ROOT);
    if (level.matches("\\d+")) {
      return Optional.of(Integer.parseInt(level) >= 1 ? "DEBUG" : "INFO");
    }
    return switch (level) {
      case "debug", "info", "warn", "error" -> Optional.of(level.toUpperCase(Locale.ROOT));
      case "dpanic", "panic", "fatal" -> Optional.of("ERROR");
      default -> throw new IllegalArgumentException(
          "--zap-log-level must be debug, info, error or a number, got '" + zapLogLevel + "'");
    };
  }

  Optional<String> leaseNamespace() {
    return Optional.ofNullable(namespace).map(String::trim).filter(s -> !s.isEmpty());
  }
}
