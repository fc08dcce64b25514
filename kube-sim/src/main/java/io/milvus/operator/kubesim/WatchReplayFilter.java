package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Drops what the store replays when a watch opens: it sends every existing object as ADDED, while Kubernetes sends
 * a watch from resourceVersion R only the changes after R (kubectl {@code get -w} would print every object twice).
 * Pure.
 */
final class WatchReplayFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WatchReplayFilter NONE = new WatchReplayFilter(0);

  private final long since;

  private WatchReplayFilter(long since) {
    this.since = since;
  }

  /** For a watch's {@code resourceVersion} parameter; none, "0" or non-numeric keep every event. */
  static WatchReplayFilter from(String resourceVersion) {
    try {
      long since = resourceVersion == null ? 0 : Long.parseLong(resourceVersion);
      return since > 0 ? new WatchReplayFilter(since) : NONE;
    } catch (NumberFormatException e) {
      return NONE;
    }
  }

  /** True for an ADDED event of an object not changed since the watch's resourceVersion. */
  boolean isReplay(String event) {
    if (since == 0) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(event);
      if (!"ADDED".equals(node.path("type").asText())) {
        return false;
      }
      long version = Long.parseLong(node.path("object").path("metadata").path("resourceVersion").asText("0"));
      return version <= since;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
