package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** A controller's copy of a cached object is the object, and changing it changes nothing another reader sees. */
class SharedInformersTest {

  @Test
  void aControllersCopyEqualsTheCachedObjectAndIsItsOwn() throws Exception {
    try (KubeSim sim = KubeSim.start(); KubernetesClient client = sim.newClient();
        KubernetesClient controllers = sim.newClient(); SharedInformers informers = new SharedInformers(controllers)) {
      informers.onChange(Pod.class, p -> { });
      informers.onChange(Deployment.class, d -> { });
      informers.onChange(StatefulSet.class, s -> { });
      informers.startAll().get();
      String ns = Fixtures.newNamespace(client, "copies");
      client.resource(Fixtures.deployment(ns, "web", 1, "nginx:1.25").build()).create();
      client.resource(Fixtures.statefulSet(ns, "db", 1, "etcd:3.5").build()).create();
      await().until(() -> informers.cached(Pod.class).stream().filter(p -> ns.equals(p.getMetadata().getNamespace()))
          .filter(p -> p.getStatus() != null && !p.getStatus().getConditions().isEmpty()).count() == 2);

      Pod cached = informers.cached(Pod.class).stream().filter(p -> ns.equals(p.getMetadata().getNamespace()))
          .findFirst().orElseThrow();
      Pod copy = informers.get(Pod.class, ObjectKey.of(cached));
      assertThat(copy).isNotSameAs(cached).isEqualTo(client.getKubernetesSerialization().clone(cached));

      copy.getMetadata().getLabels().put("changed", "true");
      copy.getSpec().getContainers().get(0).setImage("other:1");
      copy.getStatus().getConditions().add(new PodConditionBuilder().withType("Changed").withStatus("True").build());
      assertThat(cached.getMetadata().getLabels()).doesNotContainKey("changed");
      assertThat(cached.getSpec().getContainers().get(0).getImage()).isIn("nginx:1.25", "etcd:3.5");
      assertThat(cached.getStatus().getConditions()).noneMatch(c -> "Changed".equals(c.getType()));

      // the kubelet's way: a status written as a new Pod sharing the cached pod's metadata and spec leaves it as it was
      // (until no write of the kubelet comes in between: a conflict is answered 409, as to any controller)
      await().untilAsserted(() -> {
        Pod peeked = informers.peek(Pod.class, ObjectKey.of(cached));
        Pod before = client.getKubernetesSerialization().clone(peeked);
        Pod written = controllers.pods().resource(new Pod(peeked.getApiVersion(), peeked.getKind(),
            peeked.getMetadata(), peeked.getSpec(), new io.fabric8.kubernetes.api.model.PodStatusBuilder(
                peeked.getStatus()).withMessage("written").build())).updateStatus();
        assertThat(written.getStatus().getMessage()).isEqualTo("written");
        assertThat(peeked).isEqualTo(before);
      });

      Deployment web = client.apps().deployments().inNamespace(ns).withName("web").get();
      await().until(() -> informers.cached(Deployment.class, ns, "web") != null);
      assertThat(informers.get(Deployment.class, new ObjectKey(ns, "web")))
          .isEqualTo(client.getKubernetesSerialization().clone(informers.cached(Deployment.class, ns, "web")));
      assertThat(web.getMetadata().getName()).isEqualTo("web");
    }
  }
}
