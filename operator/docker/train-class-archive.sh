#!/bin/sh
# Class Data Sharing for the operator image: a training start of the operator with no cluster to reach (it loads the
# client, JOSDK, Jackson and the model classes, then retries) writes the classes it loaded to an archive when stopped;
# every later start maps that archive instead of reading and verifying those classes from the jars
# (docs/performance.md: start to ready). Run at image build time by the image's own JVM, against the jars it will run,
# as CDS requires (a different JVM or changed jars make the JVM ignore the archive and load classes as usual).
# Usage: train-class-archive [archive] [operator jar]   (defaults: the image's paths)
set -eu
archive=${1:-/opt/milvus-operator/classes.jsa}
jar=${2:-/opt/milvus-operator/milvus-operator.jar}
kubeconfig=$(mktemp)
cat > "$kubeconfig" <<'KUBECONFIG'
apiVersion: v1
kind: Config
clusters:
- name: none
  cluster: {server: "http://127.0.0.1:9"}
contexts:
- name: none
  context: {cluster: none, user: none}
current-context: none
users:
- name: none
  user: {}
KUBECONFIG
# the image's JDK_JAVA_OPTIONS names the archive to use; this run makes it
JDK_JAVA_OPTIONS="-XX:+UseSerialGC -XX:ArchiveClassesAtExit=$archive" timeout -s TERM 20 \
  java -jar "$jar" run --kubeconfig "$kubeconfig" \
  --metrics-bind-address 127.0.0.1:0 --health-probe-bind-address 127.0.0.1:0 > /dev/null 2>&1 || true
rm -f "$kubeconfig"
test -s "$archive"
