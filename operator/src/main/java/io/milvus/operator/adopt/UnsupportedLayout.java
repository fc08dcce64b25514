package io.milvus.operator.adopt;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.render.Labels;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pure: a Milvus whose Deployments the Go operator laid out in a way this operator does not implement, so that it
 * cannot take them over without deleting or reshaping serving workloads: rolling mode 3 (every component as a blue/green
 * pair {@code <cr>-milvus-<component>-0|1}) and deployment groups ({@code spec.components.<c>.groups}, Deployments
 * labelled {@value #DEPLOYMENT_GROUP}). Such a Milvus is refused with the reason and nothing is touched. The queryNode
 * pair of rolling mode 2 is not such a layout.
 */
public final class UnsupportedLayout {

  public static final String DEPLOYMENT_GROUP = "milvus.io/deployment-group";
  public static final String REASON = "TakeoverRefused";
  private static final Pattern BLUE_GREEN = Pattern.compile(".+-milvus-([a-z]+)-[01]");
  private static final String QUERY_NODE = "querynode";

  private UnsupportedLayout() {}

  /**
   * @param cr the Milvus's name
   * @param deployments the Deployments labelled as this Milvus's
   * @return why the takeover is refused, if it is
   */
  public static Optional<String> refusal(String cr, Collection<Deployment> deployments) {
    List<String> found = deployments.stream().map(d -> problem(cr, d)).flatMap(Optional::stream).sorted().toList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Milvus " + cr + " runs in a layout of the Go operator that this operator does not implement: "
        + String.join("; ", found) + ". Nothing was changed; keep the Go operator for this Milvus, or move it to one"
        + " Deployment per component with the Go operator first (see docs/migrate-from-go-operator.md)");
  }

  private static Optional<String> problem(String cr, Deployment d) {
    String name = d.getMetadata().getName();
    Map<String, String> labels = Optional.ofNullable(d.getMetadata().getLabels()).orElse(Map.of());
    if (labels.containsKey(DEPLOYMENT_GROUP)) {
      return Optional.of("Deployment " + name + " belongs to deployment group " + labels.get(DEPLOYMENT_GROUP)
          + " (spec.components.*.groups)");
    }
    var blueGreen = BLUE_GREEN.matcher(name);
    if (name.startsWith(cr + "-milvus-") && blueGreen.matches() && !QUERY_NODE.equals(blueGreen.group(1))
        && blueGreen.group(1).equals(labels.get(Labels.COMPONENT))) {
      return Optional.of("Deployment " + name + " is one of a blue/green pair of " + blueGreen.group(1)
          + " (rollingMode 3)");
    }
    return Optional.empty();
  }
}
