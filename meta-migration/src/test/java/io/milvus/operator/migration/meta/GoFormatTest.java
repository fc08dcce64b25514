package io.milvus.operator.migration.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.migration.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoFormatTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "64, 64", "1024, 1024", "0, 0", "-0.0, -0", "100000, 100000", "123456, 123456",
      "1000000, 1e+06", "1e6, 1e+06", "1234567, 1.234567e+06", "0.5, 0.5", "0.0001, 0.0001",
      "0.00001, 1e-05", "1.5e-7, 1.5e-07", "-2.25, -2.25", "3.14159, 3.14159", "0.1, 0.1",
      "12345678901234567890, 1.2345678901234567e+19", "1e100, 1e+100", "1.7976931348623157e308, 1.7976931348623157e+308",
      "5e-324, 5e-324", "0.3, 0.3", "100, 100", "999999, 999999"})
  void printsNumbersLikeGo(String json, String go) throws Exception {
    assertThat(GoFormat.format(Json.parse(json))).isEqualTo(go);
  }

  @Test
  void printsOtherJsonValuesLikeGo() throws Exception {
    assertThat(GoFormat.format(Json.parse("\"IVF_FLAT\""))).isEqualTo("IVF_FLAT");
    assertThat(GoFormat.format(Json.parse("true"))).isEqualTo("true");
    assertThat(GoFormat.format(Json.parse("null"))).isEqualTo("<nil>");
    assertThat(GoFormat.format(Json.parse("[1, \"a\", 2.5]"))).isEqualTo("[1 a 2.5]");
    assertThat(GoFormat.format(Json.parse("{\"b\": 1, \"a\": {\"y\": [], \"x\": false}}")))
        .isEqualTo("map[a:map[x:false y:[]] b:1]");
  }
}
