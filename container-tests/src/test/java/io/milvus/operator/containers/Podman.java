package io.milvus.operator.containers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The podman CLI as the container tests use it. Containers always run with {@code --network=host} and talk to
 * 127.0.0.1 only. Without podman (or without the images) the tests are skipped, except where
 * {@code CONTAINER_TESTS_REQUIRED=true} (CI), where that is a failure.
 */
final class Podman {

  static final String OPERATOR_IMAGE = setting("OPERATOR_IMAGE", "localhost/milvus-operator-java:dev");
  static final String TOOL_IMAGE = setting("TOOL_IMAGE", "localhost/milvus-meta-migration:dev");

  record Result(int exitCode, String output) {
    Result assertSucceeded(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " exited with " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  private Podman() {}

  /** Skips the test (fails it in CI) unless podman runs containers and the image is in the local store. */
  static void assumeCanRun(String image) {
    requireOrSkip(onPath("podman"), "podman is not installed (apt-get install podman runc; see bin/images)");
    Result info = run(Duration.ofMinutes(1), "info", "--format", "{{.Host.OCIRuntime.Name}}");
    requireOrSkip(info.exitCode() == 0, "podman cannot run here: " + info.output().strip());
    requireOrSkip(run(Duration.ofMinutes(1), "image", "exists", image).exitCode() == 0,
        image + " is not in the local podman store: build it with ./bin/images");
  }

  /** The etcd the tests may write to: bin/test starts a throwaway one and sets ETCD_ENDPOINT. */
  static String etcdEndpoint() {
    String endpoint = System.getenv("ETCD_ENDPOINT");
    requireOrSkip(endpoint != null && !endpoint.isBlank(),
        "ETCD_ENDPOINT is not set (bin/test starts a throwaway etcd when the etcd binary is installed)");
    return endpoint;
  }

  static void requireOrSkip(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if (Boolean.parseBoolean(System.getenv("CONTAINER_TESTS_REQUIRED"))) {
      fail("CONTAINER_TESTS_REQUIRED is set, but: " + reason);
    }
    assumeTrue(false, "skipping the container tests: " + reason);
  }

  /** {@code podman <args>}, waited for; stdout and stderr together. */
  static Result run(Duration timeout, String... args) {
    return run(timeout, List.of(args));
  }

  static Result run(Duration timeout, List<String> args) {
    try {
      Path output = Files.createTempFile("podman-", ".log");
      try {
        Process process = start(args, output);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("podman " + String.join(" ", args) + " did not finish within " + timeout
              + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code podman <args>} in the background, its stdout and stderr going to {@code output}. */
  static Process start(List<String> args, Path output) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(args);
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
