package io.milvus.operator.kubesim;

import java.time.Duration;

/**
 * How to start a {@link KubeSim}.
 *
 * @param port API server port on the loopback interface, 0 for a free one
 * @param nodeName the single node every pod is scheduled on
 * @param defaultReadyDelay how long an unscripted pod takes to become ready
 * @param https serve TLS with a self-signed certificate (clients trust it); plain http is faster and simpler
 * @param rootCaBundle the PEM that every namespace's {@code kube-root-ca.crt} carries, for a TLS front that has its own
 *     CA; empty: the self-signed certificate of {@code https}, or nothing over plain http
 */
public record KubeSimOptions(int port, String nodeName, Duration defaultReadyDelay, boolean https,
    String rootCaBundle) {

  public static final String DEFAULT_NODE_NAME = "kube-sim-node";
  public static final Duration DEFAULT_READY_DELAY = Duration.ofMillis(50);

  public KubeSimOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    nodeName = nodeName == null || nodeName.isBlank() ? DEFAULT_NODE_NAME : nodeName;
    defaultReadyDelay = defaultReadyDelay == null ? DEFAULT_READY_DELAY : defaultReadyDelay;
    rootCaBundle = rootCaBundle == null ? "" : rootCaBundle;
  }

  public static KubeSimOptions defaults() {
    return new KubeSimOptions(0, DEFAULT_NODE_NAME, DEFAULT_READY_DELAY, false, "");
  }

  public KubeSimOptions withPort(int newPort) {
    return new KubeSimOptions(newPort, nodeName, defaultReadyDelay, https, rootCaBundle);
  }

  public KubeSimOptions withNodeName(String newNodeName) {
    return new KubeSimOptions(port, newNodeName, defaultReadyDelay, https, rootCaBundle);
  }

  public KubeSimOptions withDefaultReadyDelay(Duration delay) {
    return new KubeSimOptions(port, nodeName, delay, https, rootCaBundle);
  }

  public KubeSimOptions withHttps(boolean useHttps) {
    return new KubeSimOptions(port, nodeName, defaultReadyDelay, useHttps, rootCaBundle);
  }

  public KubeSimOptions withRootCaBundle(String pem) {
    return new KubeSimOptions(port, nodeName, defaultReadyDelay, https, pem);
  }
}
