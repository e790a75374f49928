package com.ghldata.infra;

import com.ghldata.config.ClusterSettings;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The node's Vert.x: alone on a local bus, or a member of a Hazelcast cluster (TCP-IP discovery),
 * with Vert.x's own metrics (HTTP server, event bus, pools, JVM) in the node's registry.
 */
public final class ClusteredVertx {
  private static final String HAZELCAST_LOGGING = "hazelcast.logging.type";
  private final Vertx vertx;
  private final HazelcastClusterManager manager;

  private ClusteredVertx(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  public static Future<ClusteredVertx> start(ClusterSettings cluster, MeterRegistry registry) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    var builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
    if (!cluster.enabled()) {
      return Future.succeededFuture(new ClusteredVertx(builder.with(options).build(), null));
    }
    // Hazelcast's static loggers read the logging type from the system property, not from the Config:
    // without it their first lines (the warning about Java's module access at start) go through
    // java.util.logging as plain text, which breaks a JSON log's one-object-a-line.
    if (System.getProperty(HAZELCAST_LOGGING) == null) {
      System.setProperty(HAZELCAST_LOGGING, "slf4j");
    }
    options.setEventBusOptions(new EventBusOptions()
        .setHost(cluster.host()).setPort(cluster.eventBusPort()).setClusterPublicHost(cluster.host()));
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    return builder.with(options).withClusterManager(manager).buildClustered()
        .map(vertx -> new ClusteredVertx(vertx, manager));
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The members of the cluster this node sees, itself included (1 when it runs alone). */
  public int members() {
    if (manager == null) {
      return 1;
    }
    return manager.isActive() ? manager.getNodes().size() : 0;
  }

  /** False once a clustered node has lost or left its cluster; a lone node always belongs. */
  public boolean member() {
    return manager == null || manager.isActive();
  }

  /** Vert.x's own Hazelcast settings (its maps and their backups), joined by the configured members only. */
  static Config hazelcast(ClusterSettings cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty(HAZELCAST_LOGGING, "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The node leaves the cluster when Vert.x closes, in its own shutdown order, not from Hazelcast's hook.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    // Listen on CLUSTER_HOST only, not on every interface (Hazelcast's default): nodes that each have
    // their own address (containers, or loopback aliases on one machine) may then share CLUSTER_PORT.
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false)
        .setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.kubernetesDns() != null) {
      // Kubernetes: the members are the addresses behind a headless service (DNS lookup mode).
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", cluster.kubernetesDns())
          .setProperty("service-port", String.valueOf(cluster.port()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }
}
