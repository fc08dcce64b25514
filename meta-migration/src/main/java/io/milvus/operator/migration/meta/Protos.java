package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.milvus.operator.migration.support.MigrationException;

/** Decoding stored values with an error that names the key. */
final class Protos {
  private Protos() {}

  static <T extends Message> T parse(Parser<T> parser, String key, ByteString value) {
    try {
      return parser.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new MigrationException("cannot decode the value of " + key + ": " + e.getMessage(), e);
    }
  }

  /** Decodes and drops every field the message does not declare, at every depth. */
  static <T extends Message> T parseKnownFieldsOnly(Parser<T> parser, String key, ByteString value) {
    return parse(DiscardUnknownFieldsParser.wrap(parser), key, value);
  }

  static long parseId(String text, String key) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new MigrationException("unexpected key " + key + ": '" + text + "' is not a numeric ID", e);
    }
  }
}
