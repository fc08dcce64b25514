package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.kubesim.JobRunner;
import io.milvus.operator.migration.MetaMigration;
import io.milvus.operator.migration.config.ConfigParser;
import io.milvus.operator.migration.config.MigrationConfig;
import io.milvus.operator.migration.etcd.WriteHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Plays the meta-migration tool image in kube-sim's Jobs by running our tool in-process: the Job's container sees a
 * small file system built from its volume mounts, as a kubelet would give it.
 *
 * <ul>
 *   <li>a ConfigMap or Secret volume becomes a directory holding one file per key (a {@code subPath} mount is that one
 *       file), read from the API when the Job runs;
 *   <li>a PVC volume becomes a directory per namespace and claim, kept across Jobs: what the backup Job wrote is there
 *       for the rollback Job.
 * </ul>
 *
 * The container's {@code -config} argument and the config's {@code backupFilePath} are resolved through those mounts;
 * everything else of the config (the etcd endpoints, root path) is used as the operator wrote it, so the test's
 * Milvus must point at a reachable etcd. The tool's exit code is the container's.
 */
final class InProcessMigrationTool implements JobRunner, AutoCloseable {

  /** One finished run: the Job's name and the tool's exit code. */
  record Run(String job, int exitCode) {}

  private final KubernetesClient client;
  private final Function<Job, WriteHook> hooks;
  private final Path root;
  private final Map<String, Path> claims = new ConcurrentHashMap<>();
  private final List<Run> runs = new CopyOnWriteArrayList<>();

  /**
   * @param client reads the Jobs' ConfigMaps and Secrets
   * @param hooks the tool's write hook for each Job ({@link WriteHook#NONE} for a plain run): a test throws from it
   *     to make a run fail after it wrote part of the migration
   */
  InProcessMigrationTool(KubernetesClient client, Function<Job, WriteHook> hooks) {
    this.client = client;
    this.hooks = hooks;
    try {
      this.root = Files.createTempDirectory("in-process-tool-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InProcessMigrationTool(KubernetesClient client) {
    this(client, job -> WriteHook.NONE);
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  /** The directory that plays the claim {@code namespace/claim}. */
  Path claimDir(String namespace, String claim) {
    return claims.computeIfAbsent(namespace + "/" + claim, key -> {
      try {
        return Files.createDirectories(root.resolve("pvc").resolve(namespace).resolve(claim));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public int run(Job job) throws Exception {
    String name = job.getMetadata().getName();
    int code = 1; // what kube-sim makes of an exception
    try {
      Mounts mounts = mountsOf(job);
      MigrationConfig config = ConfigParser.load(mounts.resolve(configArgument(mountsContainer(job))));
      if (config.backupFilePath().isPresent()) {
        config = config.withBackupFilePath(mounts.resolve(config.backupFilePath().get().toString()));
      }
      code = new MetaMigration(hooks.apply(job)).perform(config);
      return code;
    } finally {
      runs.add(new Run(name, code));
    }
  }

  private static Container mountsContainer(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** The value of {@code -config} (Go flag spellings: {@code -config x}, {@code --config x}, {@code -config=x}). */
  private static String configArgument(Container container) {
    List<String> args = new ArrayList<>();
    if (container.getCommand() != null) {
      args.addAll(container.getCommand());
    }
    if (container.getArgs() != null) {
      args.addAll(container.getArgs());
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i).replaceFirst("^--", "-");
      if (arg.startsWith("-config=")) {
        return arg.substring("-config=".length());
      }
      if (arg.equals("-config") && i + 1 < args.size()) {
        return args.get(i + 1);
      }
    }
    throw new IllegalStateException("the container of " + container.getName() + " has no -config argument: " + args);
  }

  /** The first container's mounts, each backed by a directory or file of this runner. */
  private Mounts mountsOf(Job job) throws IOException {
    String namespace = job.getMetadata().getNamespace();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
      volumes.put(volume.getName(), volume);
    }
    Path jobDir = Files.createDirectories(root.resolve("jobs").resolve(namespace).resolve(job.getMetadata().getName()));
    Map<String, Path> byMountPath = new LinkedHashMap<>();
    for (VolumeMount mount : mountsContainer(job).getVolumeMounts()) {
      Volume volume = volumes.get(mount.getName());
      if (volume == null) {
        throw new IllegalStateException("mount " + mount.getMountPath() + " names no volume of the Job");
      }
      Path source = volumeDir(namespace, volume, jobDir);
      if (source == null) {
        continue; // a kind this runner does not play (emptyDir, hostPath...): the tool must not need it
      }
      String subPath = mount.getSubPath();
      byMountPath.put(mount.getMountPath(), subPath == null || subPath.isEmpty() ? source : source.resolve(subPath));
    }
    return new Mounts(byMountPath);
  }

  private Path volumeDir(String namespace, Volume volume, Path jobDir) throws IOException {
    if (volume.getPersistentVolumeClaim() != null) {
      return claimDir(namespace, volume.getPersistentVolumeClaim().getClaimName());
    }
    if (volume.getConfigMap() != null) {
      String name = volume.getConfigMap().getName();
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
      if (map == null) {
        throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " of the Job does not exist");
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (map.getData() != null) {
        map.getData().forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
      }
      if (map.getBinaryData() != null) {
        map.getBinaryData().forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
      }
      return writeFiles(jobDir.resolve("configmap-" + name), files);
    }
    if (volume.getSecret() != null) {
      String name = volume.getSecret().getSecretName();
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      if (secret == null) {
        throw new IllegalStateException("Secret " + namespace + "/" + name + " of the Job does not exist");
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (secret.getData() != null) {
        secret.getData().forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
      }
      return writeFiles(jobDir.resolve("secret-" + name), files);
    }
    return null;
  }

  private static Path writeFiles(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }

  /** Container paths to host paths: the longest mount path that holds the path wins. */
  private record Mounts(Map<String, Path> byMountPath) {
    Path resolve(String containerPath) {
      String best = null;
      for (String mountPath : byMountPath.keySet()) {
        String prefix = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
        boolean holds = containerPath.equals(prefix) || containerPath.startsWith(prefix + "/");
        if (holds && (best == null || prefix.length() > best.length())) {
          best = mountPath;
        }
      }
      if (best == null) {
        throw new IllegalStateException(containerPath + " is on no volume of the Job (mounts: "
            + byMountPath.keySet() + "): the container's image holds no such file here");
      }
      String prefix = best.endsWith("/") ? best.substring(0, best.length() - 1) : best;
      String rest = containerPath.substring(prefix.length()).replaceFirst("^/", "");
      return rest.isEmpty() ? byMountPath.get(best) : byMountPath.get(best).resolve(rest);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
