package io.milvus.operator.kubesim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for request paths with query strings. Pure. */
final class Paths {

  private Paths() {
  }

  static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** The decoded value of a query parameter, or null. */
  static String queryParam(String path, String name) {
    int query = path.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String param : path.substring(query + 1).split("&")) {
      int eq = param.indexOf('=');
      String key = eq < 0 ? param : param.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The path with every occurrence of a query parameter removed. */
  static String withoutQueryParam(String path, String name) {
    int query = path.indexOf('?');
    if (query < 0) {
      return path;
    }
    List<String> kept = new ArrayList<>();
    for (String param : path.substring(query + 1).split("&")) {
      int eq = param.indexOf('=');
      if (!(eq < 0 ? param : param.substring(0, eq)).equals(name) && !param.isEmpty()) {
        kept.add(param);
      }
    }
    return path.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }
}
