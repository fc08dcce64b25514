package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Namespace and name of an object; namespace is null for cluster-scoped objects. */
record ObjectKey(String namespace, String name) {

  static ObjectKey of(HasMetadata object) {
    return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
