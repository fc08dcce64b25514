package io.milvus.operator.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary, run as a user runs it: in a working directory, with a kubeconfig. */
final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** What one kubectl command printed and how it exited. */
  record Result(int exitCode, String out, String err) {
    Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl failed (exit " + exitCode + "):\n" + err + out);
      }
      return this;
    }
  }

  private final Path kubeconfig;
  private final Path workDir;

  Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Writes a file in the working directory, as the user saves a YAML before applying it. */
  void write(String fileName, String content) throws IOException {
    Files.writeString(workDir.resolve(fileName), content, StandardCharsets.UTF_8);
  }

  /** Runs {@code kubectl --kubeconfig <file> <words...>}. */
  Result run(String... words) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(words));
    Path out = Files.createTempFile(workDir, "kubectl", ".out");
    Path err = Files.createTempFile(workDir, "kubectl", ".err");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", words) + " did not finish in " + TIMEOUT);
    }
    try {
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
