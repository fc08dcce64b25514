package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.decide.CachedObjects;
import io.milvus.operator.render.KafkaClientSecret;
import io.milvus.operator.render.ClientIngress;
import io.milvus.operator.render.ClusterFacts;
import io.milvus.operator.render.ConsumedSecrets;
import io.milvus.operator.render.MilvusPodMonitor;
import io.milvus.operator.render.RenderContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what rendering needs from the cluster beyond a Milvus's own objects: whether the Prometheus operator's
 * PodMonitor kind is served (asked of API discovery at most once a minute: installing the Prometheus operator is
 * rare), whether the Kafka Secret holds a private CA (the user's Secret, unlabelled, so read directly), the live
 * PodMonitor, which no informer watches since its kind may not exist, and a user's Ingress in the way of ours.
 */
final class ClusterFactsReader {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterFactsReader.class);
  private static final Duration DISCOVERY_TTL = Duration.ofMinutes(1);

  private final Clock clock;
  private volatile Instant askedAt = Instant.MIN;
  private volatile boolean podMonitorsServed;

  ClusterFactsReader(Clock clock) {
    this.clock = clock;
  }

  /**
   * The user's Secrets that pods read ({@link ConsumedSecrets}: at most the Kafka client Secret and an in-cluster
   * Kafka's users Secret) are read here by name, once each per reconcile: they carry no label of ours, so no informer
   * holds them, and watching every Secret of the watched namespaces would keep all of their values in memory for the
   * sake of one or two. A change of one is therefore seen at the next reconcile; the report asks for one at the
   * external recheck interval while the Milvus reads such a Secret (docs/user-guide.md).
   */
  ClusterFacts read(KubernetesClient client, RenderContext ctx) {
    Map<String, Optional<Secret>> read = new HashMap<>();
    Function<String, Optional<Secret>> lookup = name -> read.computeIfAbsent(name,
        n -> Optional.ofNullable(client.secrets().inNamespace(ctx.namespace()).withName(n).get()));
    boolean kafkaCaGiven = ctx.kafkaSecret() != null && lookup.apply(ctx.kafkaSecret()).map(ClusterFactsReader::holdsCa)
        .orElse(false);
    return new ClusterFacts(kafkaCaGiven, podMonitorsServed(client),
        ConsumedSecrets.digest(ConsumedSecrets.byMilvus(ctx), lookup),
        ConsumedSecrets.digest(ConsumedSecrets.byBrokers(ctx), lookup));
  }

  /**
   * The PodMonitor of the Milvus's name, wherever the kind is served: also when metrics are off, so that the one the
   * operator made is found and removed (one GET per reconcile of such a Milvus; none without the Prometheus operator).
   */
  Optional<GenericKubernetesResource> podMonitor(KubernetesClient client, RenderContext ctx) {
    if (!ctx.cluster().podMonitorsServed()) {
      return Optional.empty();
    }
    return Optional.ofNullable(client.genericKubernetesResources(MilvusPodMonitor.API_VERSION, MilvusPodMonitor.KIND)
        .inNamespace(ctx.namespace()).withName(ctx.name()).get());
  }

  /**
   * An Ingress of the name the Milvus's would have, when its spec asks for one and the caches (our labelled objects)
   * hold none: a user's own, which is then left alone and reported rather than taken over. Read only until the
   * operator's own exists (then it is in the cache).
   */
  Optional<Ingress> unlabelledIngress(KubernetesClient client, RenderContext ctx, CachedObjects cached) {
    Optional<Ingress> desired = ClientIngress.render(ctx);
    if (desired.isEmpty() || cached.find(desired.get()).isPresent()) {
      return Optional.empty();
    }
    return Optional.ofNullable(client.network().v1().ingresses().inNamespace(ctx.namespace())
        .withName(desired.get().getMetadata().getName()).get());
  }

  private static boolean holdsCa(Secret secret) {
    // a Secret read back holds data only: the API server turns stringData into data when it stores it
    return secret.getData() != null && hasText(secret.getData().get(KafkaClientSecret.CA_KEY));
  }

  private boolean podMonitorsServed(KubernetesClient client) {
    Instant now = Instant.now(clock);
    if (askedAt.plus(DISCOVERY_TTL).isBefore(now)) {
      boolean served = client.supports(MilvusPodMonitor.API_VERSION, MilvusPodMonitor.KIND);
      if (served != podMonitorsServed || askedAt.equals(Instant.MIN)) {
        LOG.info("The Prometheus operator's PodMonitor kind is {}: Milvus metrics {} PodMonitors", served
            ? "served" : "not served", served ? "get" : "get no");
      }
      podMonitorsServed = served;
      askedAt = now;
    }
    return podMonitorsServed;
  }

  private static boolean hasText(String value) {
    return value != null && !value.isEmpty();
  }
}
