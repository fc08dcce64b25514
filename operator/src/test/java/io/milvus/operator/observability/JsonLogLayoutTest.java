package io.milvus.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {

  private final LoggerContext context = new LoggerContext();

  @Test
  void oneJsonObjectPerLineWithZapsKeys() throws Exception {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.milvus.operator.Reconciler"), Level.WARN,
        "Milvus {} says \"hi\"\n\tand more", null, new Object[] {"default/my-release"});
    event.setMDCPropertyMap(Map.of("resource.name", "my-release"));
    event.setTimeStamp(1_700_000_000_000L);

    String line = new JsonLogLayout().doLayout(event);

    assertThat(line).endsWith("\n").doesNotContain("\n\t");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("warn");
    assertThat(json.get("ts").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(json.get("logger").asText()).isEqualTo("io.milvus.operator.Reconciler");
    assertThat(json.get("msg").asText()).isEqualTo("Milvus default/my-release says \"hi\"\n\tand more");
    assertThat(json.get("resource.name").asText()).isEqualTo("my-release");
  }

  @Test
  void anExceptionGoesToErrorAndStacktrace() throws Exception {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("x"), Level.ERROR, "failed",
        new IllegalStateException("boom"), null);
    event.setMDCPropertyMap(Map.of());

    JsonNode json = new ObjectMapper().readTree(new JsonLogLayout().doLayout(event));

    assertThat(json.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(json.get("stacktrace").asText()).contains("JsonLogLayoutTest");
  }
}
