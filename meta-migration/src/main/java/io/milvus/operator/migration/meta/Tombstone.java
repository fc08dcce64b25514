package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;

/** Milvus marks a dropped record with the three bytes E2 9B BC (U+26FC) in place of its value. */
public final class Tombstone {
  public static final ByteString VALUE = ByteString.copyFrom(new byte[] {(byte) 0xE2, (byte) 0x9B, (byte) 0xBC});

  private Tombstone() {}

  public static boolean is(ByteString value) {
    return VALUE.equals(value);
  }
}
