package io.milvus.operator.kubesim.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's fault injection: rules say which clients' requests fail, how and how often. Each matching rule
 * throws a die from one seeded random, so a run with the same seed draws the same sequence (which request gets which
 * draw still depends on the order requests arrive in). Only clients that name themselves (their User-Agent) can be
 * hit: the simulator's own controllers never are, so faults hit the code under test, not the cluster it runs on.
 */
public final class Faults implements AutoCloseable {

  public static final long DEFAULT_SEED = 10;
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final List<InjectedFault> injected = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kube-sim-fault-timer");
    t.setDaemon(true);
    return t;
  });
  private final String protectedClient;
  private Random dice = new Random(DEFAULT_SEED);

  /** @param protectedClient the User-Agent of the simulator's own controllers, which no rule may name */
  public Faults(String protectedClient) {
    this.protectedClient = protectedClient;
  }

  /** Adds rules; the first matching rule whose die hits decides a request's fault. */
  public Faults inject(FaultRule... newRules) {
    for (FaultRule rule : newRules) {
      if (rule.client().equals(protectedClient)) {
        throw new IllegalArgumentException("kube-sim's own controllers (" + protectedClient + ") are the cluster, "
            + "not the code under test: faults cannot be injected into them");
      }
      LOG.info("kube-sim: injecting faults: {}", rule);
      rules.add(rule);
    }
    return this;
  }

  /** Starts the dice again from {@code seed}, for a repeatable run. */
  public synchronized Faults seed(long seed) {
    dice = new Random(seed);
    return this;
  }

  /** Removes every rule: the API server answers normally again. What was injected stays recorded. */
  public void clear() {
    rules.clear();
  }

  /** Every fault injected so far, oldest first. */
  public List<InjectedFault> injected() {
    return List.copyOf(injected);
  }

  /** How many times faults of {@code kind} (see {@link Fault#kind()}) were injected. */
  public long count(String kind) {
    return injected.stream().filter(f -> f.fault().kind().equals(kind)).count();
  }

  /**
   * The hook in front of the API server: answers {@code request} with {@code serve}, unless a fault hits it.
   *
   * @param what what the request asks, in audit terms; read only when a rule could hit the request
   */
  public MockResponse around(RecordedRequest request, Supplier<ApiCall> what,
      Function<RecordedRequest, MockResponse> serve) {
    String client = request.getHeader("User-Agent");
    if (rules.isEmpty() || client == null || client.equals(protectedClient)) {
      return serve.apply(request);
    }
    ApiCall call;
    try {
      call = what.get();
    } catch (IllegalArgumentException e) {
      return serve.apply(request); // not a URI: the server's own answer (an error) is the one to give
    }
    Optional<Fault> fault = pick(client, call);
    if (fault.isEmpty()) {
      return serve.apply(request);
    }
    Fault hit = fault.get();
    if (hit instanceof Fault.ErrorStatus error) {
      return status(error, call);
    }
    if (hit instanceof Fault.NoAnswer none) {
      return status(new Fault.ErrorStatus(504, "Timeout",
          "Timeout: request did not complete within the allotted timeout", null), call).setBodyDelay(none.delay());
    }
    if (hit instanceof Fault.SlowAnswer slow) {
      return delayed(serve.apply(request), slow.delay());
    }
    return dropping(serve.apply(request), ((Fault.DroppedWatch) hit).after());
  }

  private Optional<Fault> pick(String userAgent, ApiCall call) {
    for (FaultRule rule : rules) {
      if (rule.matches(userAgent, call) && roll() < rule.rate()) {
        injected.add(new InjectedFault(userAgent, call, rule.fault()));
        LOG.debug("kube-sim: fault {} on {} from {}", rule.fault().kind(), call, userAgent);
        return Optional.of(rule.fault());
      }
    }
    return Optional.empty();
  }

  private synchronized double roll() {
    return dice.nextDouble();
  }

  private static MockResponse status(Fault.ErrorStatus error, ApiCall call) {
    String message = error.code() == 409 && call.name() != null
        ? "Operation cannot be fulfilled on " + qualified(call) + " \"" + call.name() + "\": " + error.message()
        : error.message();
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", error.reason()).put("code", error.code());
    MockResponse response = new MockResponse().setResponseCode(error.code())
        .setHeader("Content-Type", "application/json").setBody(status.toString());
    if (error.retryAfter() != null) {
      status.putObject("details").put("retryAfterSeconds", error.retryAfter().toSeconds());
      response.setHeader("Retry-After", error.retryAfter().toSeconds()).setBody(status.toString());
    }
    return response;
  }

  private static String qualified(ApiCall call) {
    return call.group() == null || call.group().isEmpty() ? call.resource() : call.resource() + "." + call.group();
  }

  /** Only a body can be delayed: an empty answer gets an empty JSON object, which clients ignore. */
  private static MockResponse delayed(MockResponse answer, Duration delay) {
    if (answer.getWebSocketListener() != null) {
      return answer;
    }
    if (answer.getBody() == null || answer.getBody().size() == 0) {
      answer.setBody("{}");
    }
    return answer.setBodyDelay(delay);
  }

  private MockResponse dropping(MockResponse answer, Duration after) {
    return answer.getWebSocketListener() == null ? answer
        : answer.withWebSocketUpgrade(new DroppingWatchListener(answer.getWebSocketListener(), after, watchTimer));
  }

  @Override
  public void close() {
    watchTimer.shutdownNow();
  }
}
