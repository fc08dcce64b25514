#!/usr/bin/env bash
# The operator in its own JVM, as the chart runs it, against kube-sim served alone by the sandbox (--no-operator):
# start to ready, N standalone Milvus created with one `kubectl apply` until all are Healthy, then (10 s later, after
# a full GC) the live heap, the committed heap and the process's RSS. Run by `bin/bench operator [N] [memory-limit]`
# after a reactor build of the operator and sandbox jars.
#
# The JVM gets the image's options, read from operator/Dockerfile's ENV (the chart sets the same: ChartTemplateTest
# checks they agree), the class archive made here as the image build makes it, and the chart's limits stood in for:
# -XX:MaxRAM for the memory limit and -XX:ActiveProcessorCount for the CPU limit (1), which is what the JVM reads
# from the container's cgroup. BENCH_OPERATOR_JAVA_OPTS adds options. BENCH_NMT=1 turns native memory tracking on
# and prints, after the full GC, where the memory besides the heap goes and the largest classes of the live heap.
# BENCH_RESTARTS=k then restarts the operator k times against the same N Milvus, without and with the class archive
# in turn, and prints each start to ready with the CPU time it took (the CPU time does not grow with the machine's
# load; on a machine of its own, start to ready is about that).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
memory=${2:-512m}
cpus=${BENCH_OPERATOR_CPUS:-1}
work=$(mktemp -d /tmp/bench-operator.XXXXXX)
operator_jar=$(ls operator/target/milvus-operator-*-SNAPSHOT.jar | head -1)
sandbox_jar=$(ls sandbox/target/milvus-operator-sandbox-*-SNAPSHOT.jar | head -1)
health_port=${BENCH_HEALTH_PORT:-18581}
metrics_port=${BENCH_METRICS_PORT:-18580}
operator=
sandbox=
cleanup() {
  [ -n "$operator" ] && kill "$operator" 2>/dev/null || true
  [ -n "$sandbox" ] && kill "$sandbox" 2>/dev/null || true
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
load() { cut -d' ' -f1 /proc/loadavg; }

java -jar "$sandbox_jar" --no-operator --pod-ready-delay 1s --kubeconfig "$work/kubeconfig" > "$work/sandbox.log" 2>&1 &
sandbox=$!
export KUBECONFIG=$work/kubeconfig
until [ -f "$work/kubeconfig" ] && kubectl get namespaces > /dev/null 2>&1; do
  kill -0 "$sandbox" 2>/dev/null || { echo "the sandbox stopped before it served:" >&2; tail -20 "$work/sandbox.log" >&2; exit 1; }
  sleep 0.2
done
echo "operator in its own JVM: N=$n, memory limit $memory, $cpus CPU(s), load average $(load), logs in $work"

image_options=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' operator/Dockerfile)
[ -n "$image_options" ] || { echo "no JDK_JAVA_OPTIONS in operator/Dockerfile"; exit 1; }
image_options=${image_options/-XX:SharedArchiveFile=\/opt\/milvus-operator\/classes.jsa/}
# the image's malloc settings (MALLOC_ARENA_MAX and the like), as the chart sets them too
for setting in $(grep -o '^ *MALLOC_[A-Z_]*=[0-9]*' operator/Dockerfile); do export "${setting// /}"; done
nmt=
[ -n "${BENCH_NMT:-}" ] && nmt=-XX:NativeMemoryTracking=summary
echo "JVM options: $image_options ${BENCH_OPERATOR_JAVA_OPTS:-} $nmt; $(env | grep ^MALLOC_ | tr "\n" " ")"
archive=$work/classes.jsa
operator/docker/train-class-archive.sh "$archive" "$operator_jar"

# Starts the operator (with the class archive unless told "without") and waits until /readyz answers 200; prints
# start to ready and the CPU time used until then.
start_operator() {
  local started classes="-XX:SharedArchiveFile=$archive"
  [ "${1:-}" = without ] && classes=
  started=$(now)
  # shellcheck disable=SC2086
  java -XX:MaxRAM="$memory" -XX:ActiveProcessorCount="$cpus" $image_options $classes $nmt \
    ${BENCH_OPERATOR_JAVA_OPTS:-} -jar "$operator_jar" run \
    --health-probe-bind-address "127.0.0.1:$health_port" --metrics-bind-address "127.0.0.1:$metrics_port" \
    >> "$work/operator.log" 2>&1 &
  operator=$!
  until curl -sf "http://127.0.0.1:$health_port/readyz" > /dev/null 2>&1; do
    kill -0 "$operator" 2>/dev/null || { echo "the operator exited; see $work/operator.log"; exit 1; }
    sleep 0.05
  done
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$operator/stat")
  echo "start to ready ${1:-with} the class archive: $(since "$started") s, CPU time $cpu s (load average $(load))"
}

stop_operator() {
  kill "$operator"
  while kill -0 "$operator" 2>/dev/null; do sleep 0.1; done
}

start_operator

namespaces=$(( n / 50 > 0 ? n / 50 : 1 ))
{
  for ((i = 0; i < namespaces; i++)); do
    printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scale-%d\n---\n' "$i"
  done
  for ((i = 0; i < n; i++)); do
    printf 'apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: m%d\n  namespace: scale-%d\n' \
      "$i" $(( i % namespaces ))
    printf 'spec:\n  components:\n    image: milvusdb/milvus:v2.3.21\n---\n'
  done
} > "$work/milvus.yaml"
created=$(now)
kubectl apply -f "$work/milvus.yaml" > /dev/null
echo "kubectl apply of $namespaces namespaces and $n Milvus: $(since "$created") s"
last=0
while true; do
  healthy=$(kubectl get milvus -A -o jsonpath='{range .items[*]}{.status.status}{"\n"}{end}' | grep -c '^Healthy$' || true)
  [ "$healthy" -ge "$n" ] && break
  if (( SECONDS - last >= 10 )); then
    echo "  $healthy/$n Healthy after $(since "$created") s (load average $(load))"
    last=$SECONDS
  fi
  sleep 1
done
echo "all $n Healthy $(since "$created") s after the apply started (load average $(load))"
sleep 10
jcmd "$operator" GC.run > /dev/null
echo "after a full GC:"
jcmd "$operator" GC.heap_info | sed 's/^/  /'
echo "RSS: $(( $(ps -o rss= -p "$operator") / 1024 )) MiB, threads: $(ls /proc/"$operator"/task | wc -l)"
echo "CPU time of the operator until now: $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' \
  "/proc/$operator/stat") s"
if [ -n "$nmt" ]; then
  echo "native memory (committed KB, NMT summary):"
  jcmd "$operator" VM.native_memory summary | grep -E '^(Total|-) ' | sed 's/^/  /'
  echo "largest classes of the live heap:"
  jcmd "$operator" GC.class_histogram | sed -n '1,25p' | sed 's/^/  /'
fi
for ((r = 0; r < ${BENCH_RESTARTS:-0}; r++)); do
  stop_operator
  if (( r % 2 == 0 )); then start_operator without; else start_operator; fi
done
