package com.ghldata.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether and how this node joins a Hazelcast cluster. Clustering is on when CLUSTER_MEMBERS lists
 * the members to contact ({@code host:port}, TCP-IP discovery, multicast off); without it the node
 * runs alone on a local event bus.
 *
 * @param members      CLUSTER_MEMBERS, the {@code host:port} of Hazelcast members to join
 * @param host         CLUSTER_HOST, the address this node binds and announces (Hazelcast and bus)
 * @param port         CLUSTER_PORT, Hazelcast's port on this node
 * @param eventBusPort EVENTBUS_PORT, the clustered event bus's port (0: any free one)
 * @param name         CLUSTER_NAME, so that two installations on one network never join
 * @param kubernetesDns CLUSTER_KUBERNETES_DNS, instead of a member list: the headless service whose
 *                     DNS records name the members (Hazelcast's Kubernetes discovery), or null
 */
public record ClusterSettings(List<String> members, String host, int port, int eventBusPort, String name,
    String kubernetesDns) {

  public ClusterSettings {
    members = List.copyOf(members);
  }

  public boolean enabled() {
    return !members.isEmpty() || kubernetesDns != null;
  }

  static ClusterSettings from(Function<String, String> lookup) {
    String list = lookup.apply("CLUSTER_MEMBERS");
    List<String> members = list == null ? List.of()
        : Arrays.stream(list.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    return new ClusterSettings(members,
        Objects.requireNonNullElse(lookup.apply("CLUSTER_HOST"), "127.0.0.1"),
        Lookups.integer(lookup, "CLUSTER_PORT", 5701),
        Lookups.integer(lookup, "EVENTBUS_PORT", 0),
        Objects.requireNonNullElse(lookup.apply("CLUSTER_NAME"), "ghl-data"),
        lookup.apply("CLUSTER_KUBERNETES_DNS"));
  }

  /** Adds what is wrong to problems, naming the setting. */
  void check(List<String> problems) {
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !isPort(member.substring(colon + 1))) {
        problems.add("CLUSTER_MEMBERS entries must look like host:port, got '" + member + "'");
      }
    }
    if (port < 1 || port > 65535) {
      problems.add("CLUSTER_PORT must be 1..65535, got " + port);
    }
    if (eventBusPort < 0 || eventBusPort > 65535) {
      problems.add("EVENTBUS_PORT must be 0..65535, got " + eventBusPort);
    }
    if (kubernetesDns != null && !members.isEmpty()) {
      problems.add("set CLUSTER_MEMBERS or CLUSTER_KUBERNETES_DNS, not both");
    }
    if (kubernetesDns != null && !kubernetesDns.matches("[A-Za-z0-9.-]{1,253}")) {
      problems.add("CLUSTER_KUBERNETES_DNS must be a DNS name such as ghl-data.default.svc.cluster.local, got '"
          + kubernetesDns + "'");
    }
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      problems.add("CLUSTER_NAME must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
  }

  /** These settings under their environment names, for {@link AppConfig#with}. */
  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CLUSTER_MEMBERS", String.join(",", members));
    m.put("CLUSTER_HOST", host);
    m.put("CLUSTER_PORT", port);
    m.put("EVENTBUS_PORT", eventBusPort);
    m.put("CLUSTER_NAME", name);
    m.put("CLUSTER_KUBERNETES_DNS", kubernetesDns);
    return m;
  }

  private static boolean isPort(String s) {
    try {
      int p = Integer.parseInt(s);
      return p >= 1 && p <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
