package io.milvus.operator.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.util.Timer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functional core (render, rollout, status, upgrade, decide) stays pure: it is handed what was observed and the time, and
 * returns decisions. It may use fabric8's model classes and its serialization (to clone), and read data from the
 * classpath; it may not reach the API server, the operator framework, the clock, threads, the network or files.
 * And no packages of the operator form a cycle.
 */
class ArchitectureTest {

  private static final String[] PURE = {
    "io.milvus.operator.render..", "io.milvus.operator.rollout..", "io.milvus.operator.status..",
    "io.milvus.operator.upgrade..", "io.milvus.operator.decide.."
  };

  private static JavaClasses operator;

  @BeforeAll
  static void importOperator() {
    operator = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.milvus.operator");
  }

  @Test
  void theCoreDoesNotTalkToKubernetes() {
    check(pure().dependOnClassesThat(kubernetesClient())
        .because("the reconcilers observe and act; the core only decides (serialization utils for cloning are fine)"));
  }

  @Test
  void theCoreDoesNotUseTheOperatorFramework() {
    check(pure().dependOnClassesThat(resideInAnyPackage("io.javaoperatorsdk..")));
  }

  @Test
  void theCoreDoesNotReadTheClock() {
    check(pure().dependOnClassesThat(assignableTo(Clock.class))
        .orShould().callMethodWhere(clockRead())
        .because("the reconciler reads the clock once and passes the time in, so tests can choose it"));
  }

  @Test
  void theCoreStartsNoThreads() {
    check(pure().dependOnClassesThat(threading()));
  }

  @Test
  void theCoreUsesNoNetwork() {
    check(pure().dependOnClassesThat(network()));
  }

  @Test
  void theCoreUsesNoFiles() {
    check(pure().dependOnClassesThat(files())
        .because("data of the core comes from the classpath (getResourceAsStream), not from files"));
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("io.milvus.operator.(*)..").should().beFreeOfCycles().check(operator);
  }

  @Test
  void theRulesFindWhatTheyForbid() {
    JavaClasses bad = new ClassFileImporter().importClasses(ImpureExample.class);
    ArchRule clock = noClasses().should().callMethodWhere(clockRead());
    ArchRule files = noClasses().should().dependOnClassesThat(files());
    ArchRule threads = noClasses().should().dependOnClassesThat(threading());
    ArchRule network = noClasses().should().dependOnClassesThat(network());

    for (ArchRule rule : new ArchRule[] {clock, files, threads, network}) {
      org.assertj.core.api.Assertions.assertThat(rule.evaluate(bad).hasViolation()).as(rule.getDescription()).isTrue();
    }
  }

  /** Each forbidden thing once, for theRulesFindWhatTheyForbid. */
  static final class ImpureExample {
    long now() {
      return System.currentTimeMillis() + java.time.Instant.now().getNano();
    }

    boolean file() {
      return new File("x").exists();
    }

    void thread() {
      new Thread(() -> { }).start();
    }

    Object network() throws java.io.IOException {
      return new java.net.Socket();
    }
  }

  private static com.tngtech.archunit.lang.syntax.elements.ClassesShould pure() {
    return noClasses().that().resideInAnyPackage(PURE).should();
  }

  private static void check(ArchRule rule) {
    rule.check(operator);
  }

  private static DescribedPredicate<JavaClass> kubernetesClient() {
    return describe("are fabric8's client (not its model, not its serialization utils)", c ->
        c.getPackageName().startsWith("io.fabric8.kubernetes.client")
            && !c.getPackageName().startsWith("io.fabric8.kubernetes.client.utils")
            && !c.getName().equals("io.fabric8.kubernetes.client.CustomResource"));
  }

  private static DescribedPredicate<JavaMethodCall> clockRead() {
    return describe("read the clock (System.currentTimeMillis/nanoTime, java.time's now())", call -> {
      String owner = call.getTargetOwner().getName();
      String name = call.getName();
      return owner.equals(System.class.getName()) && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
          || call.getTargetOwner().getPackageName().equals("java.time") && name.equals("now");
    });
  }

  private static DescribedPredicate<JavaClass> threading() {
    return describe("are threads, executors, futures, timers or locks",
        assignableTo(Thread.class).or(assignableTo(Executor.class)).or(assignableTo(Future.class))
            .or(assignableTo(CompletionStage.class)).or(assignableTo(Timer.class)).or(assignableTo(Lock.class)));
  }

  private static DescribedPredicate<JavaClass> network() {
    return describe("are network APIs (sockets, HTTP, DNS, gRPC, etcd, vert.x, netty)", c ->
        c.getPackageName().startsWith("java.net")
            && !c.getName().equals("java.net.URI") && !c.getName().startsWith("java.net.URLEncoder")
            && !c.getName().startsWith("java.net.URLDecoder") && !c.getName().startsWith("java.net.URISyntaxException")
            || c.getPackageName().startsWith("javax.net")
            || c.getPackageName().startsWith("io.etcd")
            || c.getPackageName().startsWith("io.grpc")
            || c.getPackageName().startsWith("io.vertx")
            || c.getPackageName().startsWith("io.netty")
            || c.getPackageName().startsWith("okhttp3"));
  }

  private static DescribedPredicate<JavaClass> files() {
    return describe("are files (java.io.File*, java.nio.file)",
        assignableTo(File.class).or(assignableTo(FileInputStream.class)).or(assignableTo(FileOutputStream.class))
            .or(assignableTo(FileReader.class)).or(assignableTo(FileWriter.class))
            .or(assignableTo(RandomAccessFile.class)).or(assignableTo(FileDescriptor.class))
            .or(resideInAnyPackage("java.nio.file..", "java.nio.channels..")));
  }
}
