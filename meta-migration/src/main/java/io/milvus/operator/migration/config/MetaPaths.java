package io.milvus.operator.migration.config;

import java.util.ArrayDeque;
import java.util.Deque;

/** Joins etcd path segments the way Milvus does (Go's path.Join: cleaned, no trailing slash). */
public final class MetaPaths {
  private MetaPaths() {}

  public static String join(String... parts) {
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (part == null || part.isEmpty()) {
        continue;
      }
      if (!joined.isEmpty()) {
        joined.append('/');
      }
      joined.append(part);
    }
    return joined.isEmpty() ? "" : clean(joined.toString());
  }

  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") && !kept.isEmpty() && !kept.peekLast().equals("..")) {
        kept.removeLast();
      } else if (!(segment.equals("..") && rooted)) {
        kept.addLast(segment);
      }
    }
    String body = String.join("/", kept);
    if (rooted) {
      return "/" + body;
    }
    return body.isEmpty() ? "." : body;
  }
}
