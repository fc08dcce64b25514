package io.milvus.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.decide.Written.Outcome;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectApplierTest {

  private KubeSim sim;
  private KubernetesClient client;
  private final ApiCallLog log = new ApiCallLog();
  private final VerifiedObjects verified = new VerifiedObjects();

  @BeforeEach
  void start() {
    sim = KubeSim.start();
    client = sim.newClient(log);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void anObjectFoundMatchingCostsNoWriteAndAHandEditIsStillPutBack() {
    ObjectApplier applier = new ObjectApplier(client, verified);
    ConfigMap desired = config("level: info");
    ConfigMap created = applier.apply(desired, Optional.empty()).object();

    assertThat(applier.apply(desired, Optional.of(created)).outcome()).isEqualTo(Outcome.UNCHANGED);
    long writes = log.writes();
    assertThat(applier.apply(desired, Optional.of(created)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(log.writes()).isEqualTo(writes);
    // the proof that the verified version is not compared again: a copy of it that differs (as no real version of
    // the same resourceVersion can) is taken as matching, where a comparison would have found drift and written
    ConfigMap sameVersion = new ConfigMapBuilder(created).withData(Map.of("milvus.yaml", "level: warn")).build();
    assertThat(applier.apply(desired, Optional.of(sameVersion)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(log.writes()).isEqualTo(writes);

    // someone edits the verified object: a new version, so it is compared again and put back
    ConfigMap edited = client.configMaps().inNamespace("default").withName("app")
        .edit(c -> new ConfigMapBuilder(c).withData(Map.of("milvus.yaml", "level: debug")).build());
    ObjectApplier.Result<ConfigMap> restored = applier.apply(desired, Optional.of(edited));

    assertThat(restored.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(client.configMaps().inNamespace("default").withName("app").get().getData())
        .containsEntry("milvus.yaml", "level: info");
  }

  private static ConfigMap config(String yaml) {
    return new ConfigMapBuilder().withNewMetadata().withName("app").withNamespace("default").endMetadata()
        .withData(Map.of("milvus.yaml", yaml)).build();
  }
}
