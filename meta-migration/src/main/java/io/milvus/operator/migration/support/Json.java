package io.milvus.operator.migration.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimal JSON on top of jackson-core's streaming API: values become String, Double, Boolean,
 * {@link #NULL}, List or a key-sorted Map, which is exactly how Go decodes JSON into {@code interface{}}
 * (every number a float64).
 */
public final class Json {
  /** JSON null (a Map cannot hold Java null comfortably). */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}

  /** Parses one JSON document; trailing content is an error, as in Go's json.Unmarshal. */
  public static Object parse(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty JSON document");
      }
      Object value = readValue(parser);
      if (parser.nextToken() != null) {
        throw new IOException("unexpected content after the JSON value");
      }
      return value;
    }
  }

  private static Object readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> members = new TreeMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String name = parser.currentName();
          parser.nextToken();
          members.put(name, readValue(parser)); // a repeated name: the later one wins, as in Go
        }
        return Collections.unmodifiableMap(members);
      }
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser));
        }
        return Collections.unmodifiableList(items);
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return Double.parseDouble(parser.getText()); // correctly rounded, like strconv.ParseFloat
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return NULL;
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }

  /** Writes a flat object of strings, numbers and booleans, in the given order. */
  public static String write(Map<String, ?> members) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, ?> member : members.entrySet()) {
        generator.writeFieldName(member.getKey());
        Object value = member.getValue();
        if (value instanceof Boolean b) {
          generator.writeBoolean(b);
        } else if (value instanceof Long l) {
          generator.writeNumber(l);
        } else if (value instanceof Integer i) {
          generator.writeNumber(i);
        } else {
          generator.writeString(String.valueOf(value));
        }
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return out.toString();
  }

  /** Parses a JSON object, failing if the document is anything else. */
  public static Map<String, Object> parseObject(String text) throws IOException {
    Object value = parse(text);
    if (!(value instanceof Map<?, ?> map)) {
      throw new IOException("not a JSON object");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put((String) k, v));
    return result;
  }
}
