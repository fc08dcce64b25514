package io.milvus.operator.scenario;

import static io.milvus.operator.scenario.OperatorHarness.OPERATOR;

import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.faults.Fault;
import io.milvus.operator.kubesim.faults.FaultRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One request in ten from the operator goes wrong, every way a real API server goes wrong (only the operator's client
 * suffers: the user's and kube-sim's own controllers are served normally). Rates are of the operator's requests:
 * <ul>
 *   <li>writes (create, update, patch, delete), 10%: 3% 409 Conflict (updates and patches), 2% 500 InternalError,
 *       2% 503 ServiceUnavailable, 1% 429 TooManyRequests with Retry-After: 1, 2% lost answers (stored, but answered
 *       after the client gave up);</li>
 *   <li>reads (get, list), 10%: 4% 500, 3% 503, 1% 429, 1% slow answers (0.5 s), 1% no answer at all;</li>
 *   <li>watches: half of them dropped 2 s after they open.</li>
 * </ul>
 */
final class FlakyApiServer {

  /** How long the operator waits for an answer in these stories: short, so that a silent server costs little. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  /** Fixed, so that a failing run can be replayed with the same draws. */
  static final long SEED = 20261207;
  /** Faults slow the stories down: retries, backoff, Retry-After and timeouts. */
  static final Duration PATIENCE = Duration.ofSeconds(120);

  private static final Duration LONGER_THAN_THE_CLIENT_WAITS = REQUEST_TIMEOUT.plusSeconds(1);

  static final List<FaultRule> ONE_IN_TEN = List.of(
      writes().verbs("update", "patch").rate(0.03).fault(Fault.conflict()),
      writes().rate(0.02).fault(Fault.internalError()),
      writes().rate(0.02).fault(Fault.unavailable()),
      writes().rate(0.01).fault(Fault.tooManyRequests(Duration.ofSeconds(1))),
      writes().rate(0.02).fault(Fault.slowAnswer(LONGER_THAN_THE_CLIENT_WAITS)),
      reads().rate(0.04).fault(Fault.internalError()),
      reads().rate(0.03).fault(Fault.unavailable()),
      reads().rate(0.01).fault(Fault.tooManyRequests(Duration.ofSeconds(1))),
      reads().rate(0.01).fault(Fault.slowAnswer(Duration.ofMillis(500))),
      reads().rate(0.01).fault(Fault.noAnswer(LONGER_THAN_THE_CLIENT_WAITS)),
      FaultRule.forClient(OPERATOR).verbs("watch").rate(0.5).fault(Fault.droppedWatch(Duration.ofSeconds(2))));

  private static FaultRule writes() {
    return FaultRule.forClient(OPERATOR).verbs("create", "update", "patch", "delete");
  }

  private static FaultRule reads() {
    return FaultRule.forClient(OPERATOR).verbs("get", "list");
  }

  private FlakyApiServer() {
  }

  /**
   * Turns the faults on, from the fixed seed and from the operator's first request: its informers' lists and
   * watches suffer too, so the operator is restarted around it.
   */
  static void on(KubeSim sim, Runnable stopOperator, Runnable startOperator) {
    stopOperator.run();
    sim.faults().seed(SEED).inject(ONE_IN_TEN.toArray(FaultRule[]::new));
    startOperator.run();
  }

  /** For the test's log: how many requests the operator sent, and the faults injected by kind. */
  static String summary(KubeSim sim, ApiCallLog operatorCalls) {
    return "faults injected into the operator's " + operatorCalls.calls().size() + " requests: " + injected(sim);
  }

  /** How many faults of each kind were injected so far, e.g. {@code {409=3, 500=12, dropped-watch=4}}. */
  static Map<String, Long> injected(KubeSim sim) {
    return sim.faults().injected().stream()
        .collect(Collectors.groupingBy(f -> f.fault().kind(), TreeMap::new, Collectors.counting()));
  }
}
