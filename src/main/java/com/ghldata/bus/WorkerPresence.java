package com.ghldata.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which worker nodes are in the cluster: each worker node publishes a heartbeat every
 * {@link #BEAT_MS} (and a last one as it leaves); a node that listens counts those heard from within
 * three beats. Readiness and the {@code ghl_workers} gauge read it.
 */
public final class WorkerPresence {
  public static final long BEAT_MS = 5_000;
  private static final long GONE_AFTER_MS = 3 * BEAT_MS;

  private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
  private final MessageConsumer<JsonObject> consumer;

  private WorkerPresence(Vertx vertx) {
    consumer = vertx.eventBus().consumer(Addresses.WORKERS_HEARTBEAT, m -> {
      String node = m.body().getString("node");
      if (m.body().getBoolean("leaving", false)) {
        lastHeard.remove(node);
      } else {
        lastHeard.put(node, System.currentTimeMillis());
      }
    });
  }

  /** Starts listening; the count is right after one beat. */
  public static Future<WorkerPresence> listen(Vertx vertx) {
    WorkerPresence p = new WorkerPresence(vertx);
    return p.consumer.completion().map(v -> p);
  }

  /** Worker nodes heard from lately. */
  public int workers() {
    long now = System.currentTimeMillis();
    lastHeard.values().removeIf(t -> now - t > GONE_AFTER_MS);
    return lastHeard.size();
  }

  public Future<Void> close() {
    return consumer.unregister();
  }

  /** This worker node's heartbeat: now and every {@link #BEAT_MS}; the answer is the timer, to cancel. */
  public static long beat(Vertx vertx, String node) {
    JsonObject beat = new JsonObject().put("node", node);
    vertx.eventBus().publish(Addresses.WORKERS_HEARTBEAT, beat);
    return vertx.setPeriodic(BEAT_MS, id -> vertx.eventBus().publish(Addresses.WORKERS_HEARTBEAT, beat));
  }

  /** The last heartbeat of a node that stops working: it is not counted any more. */
  public static void leaving(Vertx vertx, String node) {
    vertx.eventBus().publish(Addresses.WORKERS_HEARTBEAT, new JsonObject().put("node", node).put("leaving", true));
  }
}
