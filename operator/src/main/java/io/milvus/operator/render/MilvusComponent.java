package io.milvus.operator.render;

import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.ReleaseTopologies;
import io.milvus.operator.api.ReleaseTopology;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Milvus processes the operator runs, each as one Deployment {@code <cr>-milvus-<name>} running
 * {@code milvus run <role>}. {@link #label()} is upstream's component name, used in names, labels and status keys.
 */
public enum MilvusComponent {
  STANDALONE("standalone", "standalone", MilvusComponents::getStandalone),
  MIX_COORD("mixcoord", "mixture", MilvusComponents::getMixCoord),
  ROOT_COORD("rootcoord", "rootcoord", MilvusComponents::getRootCoord),
  DATA_COORD("datacoord", "datacoord", MilvusComponents::getDataCoord),
  INDEX_COORD("indexcoord", "indexcoord", MilvusComponents::getIndexCoord),
  QUERY_COORD("querycoord", "querycoord", MilvusComponents::getQueryCoord),
  STREAMING_NODE("streamingnode", "streamingnode", MilvusComponents::getStreamingNode),
  QUERY_NODE("querynode", "querynode", MilvusComponents::getQueryNode),
  DATA_NODE("datanode", "datanode", MilvusComponents::getDataNode),
  INDEX_NODE("indexnode", "indexnode", MilvusComponents::getIndexNode),
  PROXY("proxy", "proxy", MilvusComponents::getProxy);

  private final String label;
  private final String role;
  private final Function<MilvusComponents, ? extends Component> specOf;

  MilvusComponent(String label, String role, Function<MilvusComponents, ? extends Component> specOf) {
    this.label = label;
    this.role = role;
    this.specOf = specOf;
  }

  public String label() {
    return label;
  }

  /** The argument of {@code milvus run}. */
  public String role() {
    return role;
  }

  public Component specIn(MilvusComponents components) {
    return specOf.apply(components);
  }

  /**
   * The image this component runs, as upstream merges it: its own {@code image} when given, else the global one. The
   * global image is what an upgrade is judged on (versions, upgrade paths, status.currentImage); a component's own
   * image pins that component and rolls it alone when it changes.
   */
  public String imageIn(MilvusComponents components) {
    Component own = specIn(components);
    String image = own == null ? null : own.getImage();
    return image == null || image.isBlank() ? components.getImage() : image;
  }

  /** Whether this component runs an image of its own rather than the global one. */
  public boolean hasOwnImage(MilvusComponents components) {
    return !java.util.Objects.equals(imageIn(components), components.getImage());
  }

  /** Whether clients reach Milvus through this component (it backs the {@code <cr>-milvus} Service). */
  public boolean servesClients() {
    return this == STANDALONE || this == PROXY;
  }

  /**
   * The components a defaulted spec runs, in a stable order: those its spec names that its release line has
   * (release-topologies.yaml). From 2.6 Milvus has one mixCoord and no index nodes: separate coordinators and index
   * nodes given in the spec are not run.
   */
  public static List<MilvusComponent> activeIn(MilvusSpec defaulted) {
    if (!MilvusDefaults.MODE_CLUSTER.equals(defaulted.getMode())) {
      return List.of(STANDALONE);
    }
    MilvusComponents c = defaulted.getComponents();
    ReleaseTopology release = ReleaseTopologies.standard().of(c.getVersion(), c.getImage());
    boolean separate = release.runsSeparateCoordinators(separateCoordinators(c));
    return Arrays.stream(values())
        .filter(x -> x != STANDALONE)
        .filter(x -> Objects.nonNull(x.specIn(c)))
        .filter(x -> x != INDEX_NODE || release.indexNode())
        .filter(x -> x != STREAMING_NODE || release.streamingNode() != ReleaseTopology.Presence.NONE)
        .filter(x -> x == MIX_COORD ? !separate : !x.separateCoordinator() || separate)
        .toList();
  }

  /** Whether the spec runs root, data, query and index coordinators as their own Deployments (below 2.6). */
  public static boolean separateCoordinators(MilvusComponents c) {
    return Arrays.stream(values()).filter(MilvusComponent::separateCoordinator).anyMatch(x -> x.specIn(c) != null);
  }

  /** Root, data, query or index coordinator: what one mixCoord replaces. */
  public boolean separateCoordinator() {
    return this == ROOT_COORD || this == DATA_COORD || this == QUERY_COORD || this == INDEX_COORD;
  }
}
