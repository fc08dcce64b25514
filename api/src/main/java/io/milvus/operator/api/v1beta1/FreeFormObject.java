package io.milvus.operator.api.v1beta1;

/**
 * Schema stand-in for a field whose content the CRD does not describe (Kubernetes objects such as Affinity or
 * Volume, milvus.yaml overrides, Helm values): used with {@code @SchemaFrom}, it renders as
 * {@code type: object} with {@code x-kubernetes-preserve-unknown-fields: true}. Spelling out those Kubernetes
 * types for each of the thirteen components would push the CRD past the size {@code kubectl apply} accepts.
 */
public final class FreeFormObject extends ExtensibleObject {}
