package io.milvus.operator.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line with the keys upstream's zap logger writes ({@code level}, {@code ts}, {@code logger},
 * {@code msg}, {@code error}), so log pipelines built for the Go operator keep parsing; MDC entries (JOSDK puts the
 * resource's name and namespace there) are added as top-level keys.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder json = new StringBuilder(256).append('{');
    field(json, "level", event.getLevel().toString().toLowerCase());
    json.append(',');
    field(json, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    json.append(',');
    field(json, "logger", event.getLoggerName());
    json.append(',');
    field(json, "msg", event.getFormattedMessage());
    for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
      json.append(',');
      field(json, entry.getKey(), entry.getValue());
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      json.append(',');
      field(json, "error", thrown.getClassName() + ": " + thrown.getMessage());
      json.append(',');
      field(json, "stacktrace", ThrowableProxyUtil.asString(thrown));
    }
    return json.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
  }

  private static void field(StringBuilder json, String key, String value) {
    quoted(json, key);
    json.append(':');
    if (value == null) {
      json.append("null");
    } else {
      quoted(json, value);
    }
  }

  private static void quoted(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
