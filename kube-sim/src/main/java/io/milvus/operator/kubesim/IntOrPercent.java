package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves an int-or-percent field (maxSurge, maxUnavailable) against a total, with Kubernetes rounding. */
final class IntOrPercent {

  private IntOrPercent() {
  }

  static int resolve(IntOrString value, String fallback, int total, boolean roundUp) {
    if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
      return resolve(new IntOrString(fallback), fallback, total, roundUp);
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal().trim();
    if (!text.endsWith("%")) {
      return Integer.parseInt(text);
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    long scaled = (long) percent * total;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }
}
