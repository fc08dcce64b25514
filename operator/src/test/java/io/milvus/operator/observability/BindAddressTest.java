package io.milvus.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {

  @Test
  void aPortAloneListensEverywhere() {
    assertThat(BindAddress.parse(":8080")).contains(new BindAddress("", 8080));
  }

  @Test
  void aHostAndPort() {
    assertThat(BindAddress.parse("127.0.0.1:9090")).contains(new BindAddress("127.0.0.1", 9090));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "", " "})
  void zeroOrNothingSwitchesTheEndpointOff(String text) {
    assertThat(BindAddress.parse(text)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "host:port", ":70000"})
  void anythingElseIsRefusedWithTheValue(String text) {
    assertThatThrownBy(() -> BindAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }
}
