package io.milvus.operator.kubesim.faults;

import io.milvus.operator.kubesim.ApiCallLog.ApiCall;

/** A fault that hit a request: what the client asked and what it got instead. */
public record InjectedFault(String client, ApiCall call, Fault fault) {

  @Override
  public String toString() {
    return fault.kind() + " on " + call + " from " + client;
  }
}
