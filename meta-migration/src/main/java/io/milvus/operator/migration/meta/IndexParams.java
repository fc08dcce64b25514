package io.milvus.operator.migration.meta;

import io.milvus.operator.migration.proto.KeyValuePair;
import io.milvus.operator.migration.support.Json;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2.1 kept index parameters as pairs, with the tuning values JSON-encoded under the key {@code params}
 * ({@code params={"nlist":1024}}); 2.2 wants them flat ({@code nlist=1024}).
 */
public final class IndexParams {
  static final String NESTED_KEY = "params";

  private IndexParams() {}

  /**
   * Replaces the {@code params} pair by its members, each printed as Go prints it. A repeated key keeps its
   * first position and its last value. Members come in name order (upstream's order is random).
   */
  public static List<KeyValuePair> flatten(List<KeyValuePair> pairs, String where) {
    Map<String, String> flat = new LinkedHashMap<>();
    for (KeyValuePair pair : pairs) {
      if (pair.getKey().equals(NESTED_KEY)) {
        nested(pair.getValue(), where).forEach((k, v) -> flat.put(k, GoFormat.format(v)));
      } else {
        flat.put(pair.getKey(), pair.getValue());
      }
    }
    List<KeyValuePair> result = new ArrayList<>(flat.size());
    flat.forEach((k, v) -> result.add(KeyValuePair.newBuilder().setKey(k).setValue(v).build()));
    return result;
  }

  private static Map<String, Object> nested(String json, String where) {
    try {
      return Json.parseObject(json);
    } catch (IOException e) {
      throw new MigrationException(where + ": index parameter 'params' is not a JSON object ("
          + e.getMessage() + "): " + json, e);
    }
  }
}
