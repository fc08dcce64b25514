package io.milvus.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.upgrade.UpgradeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's command line. */
@Command(name = "milvus-operator", mixinStandardHelpOptions = true, version = "milvus-operator 0.1.0",
    description = "Deploys Milvus on Kubernetes and upgrades it safely.",
    subcommands = {Main.Run.class})
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(GoFlagArgs.normalize(args)));
  }

  private static KubernetesClient client(String kubeconfig) throws IOException {
    // the informers' objects share their repeated strings (labels, names, images): a smaller live heap
    ObjectMapper mapper = new ObjectMapper().registerModule(SharedStrings.module());
    KubernetesClientBuilder builder = new KubernetesClientBuilder()
        .withKubernetesSerialization(new KubernetesSerialization(mapper, true));
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return builder.build();
    }
    Path file = Path.of(kubeconfig);
    return builder.withConfig(Config.fromKubeconfig(null, Files.readString(file), file.toString())).build();
  }

  /** Run against the cluster of the current kubeconfig (or the in-cluster service account). */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the operator against the current kubeconfig or in-cluster config.")
  static final class Run implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--watch-namespace", split = ",", description = "Namespaces to watch (comma separated); all if empty.")
    List<String> namespaces = List.of();

    @Option(names = "--milvus-image", description = "Image of a Milvus that names none (default: ${DEFAULT-VALUE}).")
    String milvusImage = OperatorDefaults.DEFAULT_MILVUS_IMAGE;

    @Option(names = "--rollout-deadline",
        description = "How long a component may make no rollout progress before the rollout is reported stalled "
            + "(default: ${DEFAULT-VALUE}).")
    Duration rolloutDeadline = Duration.ofMinutes(10);

    @Option(names = "--upgrade-tool-image",
        description = "meta-migration image of a MilvusUpgrade that names none (default: ${DEFAULT-VALUE}).")
    String upgradeToolImage = UpgradeSettings.DEFAULT_TOOL_IMAGE;

    @Option(names = "--upgrade-session-wait",
        description = "How long a MilvusUpgrade waits after Milvus's pods are gone, for their etcd sessions to expire, "
            + "before it touches the metadata (default: ${DEFAULT-VALUE}).")
    Duration upgradeSessionWait = UpgradeSettings.standard().sessionExpiry();

    @Option(names = "--upgrade-healthy-deadline",
        description = "How long Milvus may take to become healthy on the new (or old) image after a MilvusUpgrade "
            + "starts it; past it the upgrade has failed (default: ${DEFAULT-VALUE}).")
    Duration upgradeHealthyDeadline = UpgradeSettings.standard().healthyDeadline();

    @Option(names = "--upgrade-job-deadline",
        description = "How long a MilvusUpgrade's meta-migration Job may run (its activeDeadlineSeconds); a Job past "
            + "it fails, and so does its step (default: ${DEFAULT-VALUE}).")
    Duration upgradeJobDeadline = UpgradeSettings.standard().taskDeadline();

    @Option(names = "--upgrade-hop-image", split = ",",
        description = "Image of an intermediate hop when a Milvus walks over several versions (repeatable or comma"
            + " separated); it replaces the built-in latest patch of its minor line. Default: the requested image's"
            + " repository with the built-in patch's tag. Nothing is looked up at run time.")
    List<String> upgradeHopImages = new ArrayList<>();

    @Option(names = "--resync", description = "Full reconcile interval, a safety net for missed events (default: ${DEFAULT-VALUE}).")
    Duration resync = Duration.ofMinutes(10);

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    /** What the reconcilers take from these flags. */
    OperatorSettings settings() {
      UpgradePaths paths;
      try {
        paths = UpgradePaths.standard().withHopImages(upgradeHopImages);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--upgrade-hop-image: " + e.getMessage());
      }
      return OperatorSettings.standard()
          .withDefaults(new OperatorDefaults(milvusImage))
          .withRolloutDeadline(rolloutDeadline)
          .withUpgrade(UpgradeSettings.standard().withToolImage(upgradeToolImage)
              .withSessionExpiry(upgradeSessionWait).withHealthyDeadline(upgradeHealthyDeadline)
              .withTaskDeadline(upgradeJobDeadline))
          .withUpgradePaths(paths);
    }

    /** --resync, or the Go operator's --sync-interval when given. */
    Duration resync() {
      return runtimeOptions.upstream().resync().orElse(resync);
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
      OperatorRuntime runtime = runtimeOptions.start();
      KubernetesClient client = client(runtimeOptions.upstream().kubeconfig);
      LOG.info("Connecting to {}", client.getMasterUrl());
      OperatorSettings settings = settings();
      Set<String> reconcilers = runtimeOptions.upstream().reconcilers();
      if (reconcilers.size() < 2) {
        LOG.info("Running only these reconcilers (--stop-reconcilers): {}", reconcilers);
      }
      Operator operator = MilvusOperator.create(client, settings, new LinkedHashSet<>(namespaces), resync(),
          runtime, reconcilers);
      runtime.serve(operator);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        operator.stop();
        runtime.close();
        client.close();
        stopped.countDown();
      }, "shutdown"));
      operator.start();
      LOG.info("Operator started; watching {}", namespaces.isEmpty() ? "all namespaces" : namespaces);
      stopped.await();
      return 0;
    }
  }
}
