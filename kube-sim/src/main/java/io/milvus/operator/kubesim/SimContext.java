package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every simulated controller shares: the simulator's own client, its informers, scripts and threads. */
record SimContext(KubernetesClient client, SharedInformers informers, KubeSimOptions options,
                  BehaviourScripts scripts, AvailabilityRecorder availability, ScheduledExecutorService timers,
                  ExecutorService jobRunners, Clock clock, AddressAllocator addresses) {
}
