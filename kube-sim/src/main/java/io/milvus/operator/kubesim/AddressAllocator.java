package io.milvus.operator.kubesim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out pod IPs (10.244.0.0/16) and service cluster IPs (10.96.0.0/16), one per object uid, so the same object
 * keeps its address when a controller re-applies it.
 */
final class AddressAllocator {

  private final AtomicInteger nextPod = new AtomicInteger(2);
  private final AtomicInteger nextService = new AtomicInteger(10);
  private final AtomicInteger nextNodePort = new AtomicInteger(30000);
  private final Map<String, String> byUid = new ConcurrentHashMap<>();

  String podIp(String uid) {
    return byUid.computeIfAbsent("pod/" + uid, u -> address("10.244", nextPod.getAndIncrement()));
  }

  String clusterIp(String uid) {
    return byUid.computeIfAbsent("svc/" + uid, u -> address("10.96", nextService.getAndIncrement()));
  }

  int nodePort(String uid, int port) {
    String ip = byUid.computeIfAbsent("nodeport/" + uid + "/" + port,
        u -> Integer.toString(30000 + (nextNodePort.getAndIncrement() - 30000) % 2768));
    return Integer.parseInt(ip);
  }

  void release(String uid) {
    byUid.keySet().removeIf(k -> k.endsWith("/" + uid) || k.contains("/" + uid + "/"));
  }

  private static String address(String prefix, int n) {
    int host = n % 65534;
    return prefix + "." + (host / 256) + "." + (host % 256);
  }
}
