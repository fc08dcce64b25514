package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimRequestTest {

  @Test
  void aLargerRequestGrowsTheClaim() {
    assertThat(ClaimRequest.growth(claim("20Gi"), claim("10Gi"))).contains(new Quantity("20Gi"));
  }

  @Test
  void aSmallerOrEqualRequestChangesNothing() {
    assertThat(ClaimRequest.growth(claim("5Gi"), claim("10Gi"))).isEmpty();
    assertThat(ClaimRequest.growth(claim("10240Mi"), claim("10Gi"))).isEmpty();
  }

  @Test
  void aClaimWithoutRequestIsLeftAlone() {
    assertThat(ClaimRequest.growth(claim("5Gi"), new PersistentVolumeClaim())).isEmpty();
  }

  private static PersistentVolumeClaim claim(String size) {
    return new PersistentVolumeClaimBuilder().withNewSpec().withNewResources()
        .withRequests(Map.of("storage", new Quantity(size))).endResources().endSpec().build();
  }
}
