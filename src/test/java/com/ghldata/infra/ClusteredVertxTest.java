package com.ghldata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.config.AppConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Hazelcast settings a node joins with: only the members it is told of, never by multicast. */
class ClusteredVertxTest {
  @Test
  void aMemberListJoinsByTcpIpOnlyUnderTheClustersName() {
    Config c = ClusteredVertx.hazelcast(AppConfig.load(Map.of("CLUSTER_MEMBERS", "10.0.0.5:5701,10.0.0.6:5701",
        "CLUSTER_HOST", "10.0.0.5", "CLUSTER_NAME", "acme"), new Properties()).cluster());

    JoinConfig join = c.getNetworkConfig().getJoin();
    assertThat(c.getClusterName()).isEqualTo("acme");
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.5:5701", "10.0.0.6:5701");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(c.getNetworkConfig().getPublicAddress()).isEqualTo("10.0.0.5:5701");
  }

  @Test
  void aNodeListensOnItsClusterHostOnlySoThatNodesWithTheirOwnAddressesShareAPort() {
    Config c = ClusteredVertx.hazelcast(AppConfig.load(Map.of("CLUSTER_MEMBERS", "10.0.0.5:5701",
        "CLUSTER_HOST", "10.0.0.6"), new Properties()).cluster());

    assertThat(c.getProperty("hazelcast.local.localAddress")).isEqualTo("10.0.0.6");
    assertThat(c.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
  }

  @Test
  void onKubernetesTheHeadlessServicesDnsNamesTheMembers() {
    AppConfig config = AppConfig.load(Map.of("CLUSTER_KUBERNETES_DNS", "ghl-data.default.svc.cluster.local",
        "CLUSTER_HOST", "10.1.2.3"), new Properties());
    Config c = ClusteredVertx.hazelcast(config.cluster());

    assertThat(config.cluster().enabled()).isTrue();
    JoinConfig join = c.getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("ghl-data.default.svc.cluster.local");
    assertThat(join.getKubernetesConfig().getProperty("service-port")).isEqualTo("5701");
  }

  @Test
  void aMemberListAndKubernetesTogetherAreRefused() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CLUSTER_KUBERNETES_DNS", "ghl.svc", "CLUSTER_MEMBERS",
        "10.0.0.5:5701"), new Properties())).hasMessageContaining("not both");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CLUSTER_KUBERNETES_DNS", "not a name!"), new Properties()))
        .hasMessageContaining("CLUSTER_KUBERNETES_DNS");
  }
}
