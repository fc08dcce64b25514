package io.milvus.operator.kubesim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out pod IPs (10.244.0.0/16), one per pod uid, so a pod keeps its address when a controller re-applies it.
 * (A Service's cluster IP and node ports are the API server's: see {@code admission.ServiceAllocation}.)
 */
final class AddressAllocator {

  private final AtomicInteger nextPod = new AtomicInteger(2);
  private final Map<String, String> byUid = new ConcurrentHashMap<>();

  String podIp(String uid) {
    return byUid.computeIfAbsent(uid, u -> address("10.244", nextPod.getAndIncrement()));
  }

  void release(String uid) {
    byUid.remove(uid);
  }

  private static String address(String prefix, int n) {
    int host = n % 65534;
    return prefix + "." + (host / 256) + "." + (host % 256);
  }
}
