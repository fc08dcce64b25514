package io.milvus.operator.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long {@code bin/run sandbox} takes from a cold start to a usable kubeconfig, as a user sees it: a fresh JVM
 * is launched the way bin/run launches it, and the clock stops when the kubeconfig exists and, if kubectl is
 * installed, {@code kubectl get milvus} answers through it. Then the sandbox is stopped as Ctrl-C would stop it, and
 * the time it takes to exit is reported too. The sandbox jar must be built first ({@code bin/run sandbox} builds it).
 *
 * <p>Run: {@code mvn -B -ntp -q -pl bench exec:java -Dexec.mainClass=io.milvus.operator.bench.SandboxStartupBenchmark
 * -Dexec.args="5"}.
 */
public final class SandboxStartupBenchmark {

  private static final Path JAR = Path.of("sandbox/target/milvus-operator-sandbox-0.1.0-SNAPSHOT.jar");
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  /** One start: until the kubeconfig is written, until kubectl gets an answer (-1 without kubectl), and stopping. */
  record Run(long kubeconfigMillis, long kubectlMillis, long stopMillis) {
  }

  private SandboxStartupBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path jar = Files.exists(JAR) ? JAR : Path.of("..").resolve(JAR);
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the sandbox first (bin/run sandbox does): " + JAR + " is missing");
    }
    System.out.printf("sandbox cold start, %d runs, %d cores, load average %s%n", runs,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    List<Run> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Run run = once(jar.toAbsolutePath());
      results.add(run);
      System.out.printf("run %d: kubeconfig written after %d ms, kubectl answered after %d ms, stopped in %d ms%n",
          i + 1, run.kubeconfigMillis(), run.kubectlMillis(), run.stopMillis());
    }
    List<Long> usable = new ArrayList<>(results.stream().map(r -> Math.max(r.kubeconfigMillis(), r.kubectlMillis()))
        .toList());
    Collections.sort(usable);
    System.out.printf("usable kubeconfig: min %d ms, median %d ms, max %d ms (load average now %s)%n",
        usable.get(0), usable.get(usable.size() / 2), usable.get(usable.size() - 1), loadAverage());
  }

  private static Run once(Path jar) throws Exception {
    Path dir = Files.createTempDirectory("sandbox-bench");
    Path kubeconfig = dir.resolve("kubeconfig");
    long start = System.nanoTime();
    Process sandbox = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--kubeconfig", kubeconfig.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sandbox.log").toFile()).start();
    try {
      while (!Files.exists(kubeconfig)) {
        check(sandbox, start, dir);
        Thread.sleep(20);
      }
      long written = millisSince(start);
      long answered = -1;
      if (Files.isExecutable(KUBECTL)) {
        while (!kubectlAnswers(kubeconfig)) {
          check(sandbox, start, dir);
          Thread.sleep(20);
        }
        answered = millisSince(start);
      }
      long stopping = System.nanoTime();
      sandbox.destroy(); // SIGTERM: the same shutdown as Ctrl-C
      if (!sandbox.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the sandbox did not stop within 30 s");
      }
      if (Files.exists(kubeconfig)) {
        throw new IllegalStateException("the sandbox left its kubeconfig behind");
      }
      return new Run(written, answered, millisSince(stopping));
    } finally {
      sandbox.destroyForcibly();
    }
  }

  private static boolean kubectlAnswers(Path kubeconfig) throws IOException, InterruptedException {
    Process kubectl = new ProcessBuilder(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "get", "milvus")
        .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    return kubectl.waitFor(30, TimeUnit.SECONDS) && kubectl.exitValue() == 0;
  }

  private static void check(Process sandbox, long start, Path dir) throws IOException {
    if (!sandbox.isAlive()) {
      throw new IllegalStateException("the sandbox exited: " + Files.readString(dir.resolve("sandbox.log")));
    }
    if (millisSince(start) > GIVE_UP.toMillis()) {
      throw new IllegalStateException("the sandbox did not start within " + GIVE_UP);
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
