package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Builders and waits shared by the scenario tests. */
final class Fixtures {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private Fixtures() {
  }

  /** A fresh namespace, so tests sharing one simulator never see each other's objects. */
  static String newNamespace(KubernetesClient client, String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    // as on a cluster, pods are refused until the namespace's default ServiceAccount exists; the namespace
    // controller then marks the namespace Active, a write a test's own edit of the namespace would conflict with
    await().until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null
        && client.namespaces().withName(name).get().getStatus() != null
        && "Active".equals(client.namespaces().withName(name).get().getStatus().getPhase()));
    return name;
  }

  static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions();
  }

  static DeploymentBuilder deployment(String namespace, String name, int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
          .endTemplate()
        .endSpec();
  }

  static DeploymentBuilder rollingDeployment(String namespace, String name, int replicas, String image, int maxSurge,
                                             int maxUnavailable) {
    return deployment(namespace, name, replicas, image)
        .editSpec()
          .withNewStrategy().withType("RollingUpdate")
            .withNewRollingUpdate().withMaxSurge(new IntOrString(maxSurge)).withMaxUnavailable(new IntOrString(maxUnavailable)).endRollingUpdate()
          .endStrategy()
        .endSpec();
  }

  static StatefulSetBuilder statefulSet(String namespace, String name, int replicas, String image) {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(name + "-headless")
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce")
              .withNewResources().addToRequests("storage", new Quantity("5Gi")).endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec();
  }

  static JobBuilder job(String namespace, String name, String image) {
    return new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec()
          .withNewTemplate()
            .withNewSpec().withRestartPolicy("Never")
              .addNewContainer().withName("main").withImage(image).endContainer()
            .endSpec()
          .endTemplate()
        .endSpec();
  }

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
