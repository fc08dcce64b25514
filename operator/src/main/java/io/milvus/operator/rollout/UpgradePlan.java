package io.milvus.operator.rollout;

import java.util.List;
import java.util.Optional;

/**
 * The hops from a running version to a requested one, or why there are none.
 *
 * @param hops what remains to do, in order; the first is the one to run now; empty when nothing is to do or refused
 * @param refusal why the move is refused, with what to do instead
 * @param downgrade whether the requested version is older than the running one
 */
public record UpgradePlan(List<Hop> hops, Optional<String> refusal, boolean downgrade) {

  public static UpgradePlan nothingToDo() {
    return new UpgradePlan(List.of(), Optional.empty(), false);
  }

  public static UpgradePlan refused(String why, boolean downgrade) {
    return new UpgradePlan(List.of(), Optional.of(why), downgrade);
  }

  public Optional<Hop> current() {
    return hops.stream().findFirst();
  }
}
