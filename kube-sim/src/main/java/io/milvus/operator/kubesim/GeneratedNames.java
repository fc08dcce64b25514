package io.milvus.operator.kubesim;

import java.util.concurrent.ThreadLocalRandom;

/** Generated names, from the same alphabet as Kubernetes (no vowels, no look-alike digits). */
final class GeneratedNames {

  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private GeneratedNames() {
  }

  static String randomSuffix(int length) {
    StringBuilder s = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  /** {@code base-xxxxx}, kept within the 63 characters a pod name's hostname allows. */
  static String withRandomSuffix(String base) {
    String prefix = base.length() > 57 ? base.substring(0, 57) : base;
    return prefix + "-" + randomSuffix(5);
  }
}
