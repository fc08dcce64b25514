package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Milvus authenticates to an in-cluster Pulsar with JWT: with the token of the brokers' superuser role
 * ({@code auth.superUsers.broker}, "milvus" in upstream's sample), from Secret {@code <cr>-pulsar-token-<role>},
 * mounted where upstream's sample reads it ({@code file:/milvus/pulsar/token}). The user's own {@code pulsar.authPlugin}
 * and a volume of their own named {@value #VOLUME} win.
 */
final class PulsarClientToken {

  static final String VOLUME = "pulsar-token";
  static final String DIR = "/milvus/pulsar";

  private PulsarClientToken() {}

  static Optional<Volume> volume(RenderContext ctx, List<Volume> userVolumes) {
    if (!ctx.inClusterPulsar() || userVolumes.stream().anyMatch(v -> VOLUME.equals(v.getName()))) {
      return Optional.empty();
    }
    return PulsarValues.of(ctx).jwt().map(jwt -> new VolumeBuilder().withName(VOLUME)
        .withNewSecret().withSecretName(InClusterPulsar.tokenSecret(ctx.name(), jwt.brokerRole()))
        .addNewItem().withKey("TOKEN").withPath("token").endItem().endSecret()
        .build());
  }

  static VolumeMount mount() {
    return new VolumeMountBuilder().withName(VOLUME).withMountPath(DIR).withReadOnly(true).build();
  }

  /** The token settings of user.yaml, unless the user chose an authentication of their own. */
  static void configure(MilvusSpec spec, Map<String, Object> config) {
    if (PulsarValues.of(spec).jwt().isEmpty() || ConfigMaps.get(config, "pulsar.authPlugin") != null) {
      return;
    }
    ConfigMaps.put(config, "pulsar.authPlugin", "token");
    ConfigMaps.put(config, "pulsar.authParams", "file:" + DIR + "/token");
  }
}
