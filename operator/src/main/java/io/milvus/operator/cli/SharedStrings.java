package io.milvus.operator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Short strings read from the API server, shared where they repeat: the caches hold thousands of objects whose labels,
 * owner references, container names, ports, images, probe paths, condition types and reasons are the same few values,
 * each read into a string of its own (at 300 Milvus strings were a third of the live heap). A string is
 * looked up in a small table by its hash and the one found there is returned when equal; otherwise it takes the slot.
 * The table is bounded and lossy: a collision only costs a copy, and concurrent readers at worst miss a share.
 */
final class SharedStrings extends StdScalarDeserializer<String> {

  /** Longer strings (configuration text, certificates) seldom repeat and cost more to compare. */
  static final int MAX_SHARED_LENGTH = 128;
  private static final int SLOTS = 1 << 14;

  private final String[] slots = new String[SLOTS];

  private SharedStrings() {
    super(String.class);
  }

  /** A Jackson module that reads every JSON string through one such table. */
  static SimpleModule module() {
    return new SimpleModule("shared-strings").addDeserializer(String.class, new SharedStrings());
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      return shared(parser.getText());
    }
    return StringDeserializer.instance.deserialize(parser, context);
  }

  String shared(String value) {
    if (value.length() > MAX_SHARED_LENGTH) {
      return value;
    }
    int slot = value.hashCode() & (SLOTS - 1);
    String known = slots[slot];
    if (value.equals(known)) {
      return known;
    }
    slots[slot] = value;
    return value;
  }
}
