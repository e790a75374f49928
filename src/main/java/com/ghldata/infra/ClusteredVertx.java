package com.ghldata.infra;

import com.ghldata.config.ClusterSettings;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** The node's Vert.x: alone on a local bus, or a member of a Hazelcast cluster (TCP-IP discovery). */
public final class ClusteredVertx {
  private ClusteredVertx() {
  }

  public static Future<Vertx> start(ClusterSettings cluster) {
    if (!cluster.enabled()) {
      return Future.succeededFuture(Vertx.vertx());
    }
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions()
        .setHost(cluster.host()).setPort(cluster.eventBusPort()).setClusterPublicHost(cluster.host()));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
        .buildClustered();
  }

  /** Vert.x's own Hazelcast settings (its maps and their backups), joined by the configured members only. */
  static Config hazelcast(ClusterSettings cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The node leaves the cluster when Vert.x closes, in its own shutdown order, not from Hazelcast's hook.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false)
        .setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
