package com.ghldata.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a node is watched and stopped: its management server (health and metrics on every node, the
 * only HTTP a worker-only node serves), who may read the metrics, when the queue counts as stalled,
 * and how long a stopping node may take to finish its jobs.
 *
 * @param managementHost       MANAGEMENT_HOST, where the management server listens (as HTTP_HOST by default)
 * @param managementPort       MANAGEMENT_PORT, its port (0: any free one; -1: no management server)
 * @param metricsToken         METRICS_TOKEN: when set, /metrics needs {@code Authorization: Bearer} it; when
 *                             not, /metrics answers loopback clients only
 * @param queueStallSeconds    QUEUE_STALL_SECONDS: a job queued longer makes readiness DOWN
 * @param shutdownGraceSeconds SHUTDOWN_GRACE_SECONDS: on SIGTERM, how long running jobs may take to
 *                             finish before they are handed back to the queue
 */
public record Operations(String managementHost, int managementPort, String metricsToken, int queueStallSeconds,
    int shutdownGraceSeconds) {

  public boolean managementServer() {
    return managementPort >= 0;
  }

  static Operations from(Function<String, String> lookup, String httpHost) {
    return new Operations(
        Objects.requireNonNullElse(lookup.apply("MANAGEMENT_HOST"), httpHost),
        Lookups.integer(lookup, "MANAGEMENT_PORT", 9090),
        lookup.apply("METRICS_TOKEN"),
        Lookups.integer(lookup, "QUEUE_STALL_SECONDS", 300),
        Lookups.integer(lookup, "SHUTDOWN_GRACE_SECONDS", 30));
  }

  /** Adds what is wrong to problems, naming the setting. */
  void check(List<String> problems) {
    if (managementPort < -1 || managementPort > 65535) {
      problems.add("MANAGEMENT_PORT must be 0..65535 (or -1 for none), got " + managementPort);
    }
    if (metricsToken != null && metricsToken.length() < 16) {
      problems.add("METRICS_TOKEN must be at least 16 characters");
    }
    if (queueStallSeconds < 10) {
      problems.add("QUEUE_STALL_SECONDS must be at least 10, got " + queueStallSeconds);
    }
    if (shutdownGraceSeconds < 0 || shutdownGraceSeconds > 3600) {
      problems.add("SHUTDOWN_GRACE_SECONDS must be 0..3600, got " + shutdownGraceSeconds);
    }
  }

  /** These settings under their environment names, for {@link AppConfig#with}. */
  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("MANAGEMENT_HOST", managementHost);
    m.put("MANAGEMENT_PORT", managementPort);
    m.put("METRICS_TOKEN", metricsToken);
    m.put("QUEUE_STALL_SECONDS", queueStallSeconds);
    m.put("SHUTDOWN_GRACE_SECONDS", shutdownGraceSeconds);
    return m;
  }
}
