{{/* Chart name, overridable. */}}
{{- define "milvus-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object name: the release name, with the chart name appended unless it is already in it. */}}
{{- define "milvus-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "milvus-operator.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "milvus-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "milvus-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "milvus-operator.labels" -}}
{{ include "milvus-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "milvus-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "milvus-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "milvus-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
What the operator does in a namespace it watches: exactly the API calls its scenario tests record, plus the few
documented in charts/src/test/resources/rbac-allow-list.yaml (charts/.../RbacTest checks both directions).
Used by the ClusterRole (all namespaces) and by each Role (watchNamespaces).
*/}}
{{- define "milvus-operator.rules" -}}
- apiGroups: ["milvus.io"]
  resources: ["milvuses"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["milvus.io"]
  resources: ["milvuses/status"]
  verbs: ["patch"]
- apiGroups: ["milvus.io"]
  resources: ["milvusupgrades"]
  verbs: ["list", "watch"]
- apiGroups: ["milvus.io"]
  resources: ["milvusupgrades/status"]
  verbs: ["update"]
- apiGroups: ["milvus.io"]
  # setting blockOwnerDeletion on owned objects needs it where OwnerReferencesPermissionEnforcement is on (OpenShift)
  resources: ["milvuses/finalizers", "milvusupgrades/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["configmaps", "services"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "update"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create"]
- apiGroups: ["policy"]
  # a multi-member in-cluster etcd keeps its quorum through node drains
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["networking.k8s.io"]
  # spec.components.<standalone|proxy>.ingress
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["monitoring.coreos.com"]
  # a PodMonitor per Milvus when the Prometheus operator is installed (disableMetric: false)
  resources: ["podmonitors"]
  verbs: ["get", "create", "update"]
{{- end }}
