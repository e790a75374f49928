package com.ghldata.web;

import com.ghldata.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Server-sent events for job progress. One cluster-wide consumer of jobs.events per HTTP verticle
 * fans each change out to the open streams of that job, so a thousand watchers cost one subscription.
 * Each keep-alive also re-reads the job, so a stream never waits on an event that was lost.
 */
final class JobEventStreams {
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final Map<String, Set<HttpServerResponse>> open = new HashMap<>();
  /** The newest change seen for a stream whose first state is not written yet. */
  private final Map<HttpServerResponse, JsonObject> early = new HashMap<>();
  /** The last state written to each stream. */
  private final Map<HttpServerResponse, JsonObject> sent = new HashMap<>();
  /** The language each stream's reader asked for, to word a failed job's error in. */
  private final Map<HttpServerResponse, String> languages = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  JobEventStreams(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.JOBS_EVENTS, msg -> {
      JsonObject job = msg.body();
      Set<HttpServerResponse> watchers = open.get(job.getString("id"));
      if (watchers != null) {
        for (HttpServerResponse res : Set.copyOf(watchers)) {
          sendIfNewer(res, job);
        }
      }
    });
    return consumer.completion();
  }

  void open(RoutingContext rc, JsonObject ref) {
    String id = ref.getString("id");
    HttpServerResponse res = rc.response();
    // Subscribe before reading the current state, so a change in between is not lost.
    open.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(res);
    languages.put(res, Messages.language(rc.request().getHeader("Accept-Language")));
    long timer = vertx.setPeriodic(KEEP_ALIVE_MS, t -> {
      if (!res.ended() && res.isChunked()) {
        res.write(": keep-alive\n\n");
        vertx.eventBus().<JsonObject>request(Addresses.JOBS_GET, ref)
            .onSuccess(msg -> sendIfNewer(res, msg.body()));
      }
    });
    res.closeHandler(v -> close(id, res, timer));
    res.endHandler(v -> close(id, res, timer));
    vertx.eventBus().<JsonObject>request(Addresses.JOBS_GET, ref)
        .onSuccess(msg -> {
          res.setChunked(true)
              .putHeader("Content-Type", "text/event-stream; charset=utf-8")
              .putHeader("Cache-Control", "no-cache")
              .putHeader("X-Accel-Buffering", "no");
          JsonObject newer = early.remove(res);
          send(res, msg.body());
          // A change that arrived while the state was being read (the final one, maybe) is not lost.
          if (newer != null) {
            sendIfNewer(res, newer);
          }
        })
        .onFailure(e -> {
          close(id, res, timer);
          rc.fail(e);
        });
  }

  private void send(HttpServerResponse res, JsonObject job) {
    if (res.ended() || res.closed()) {
      return;
    }
    if (!res.headWritten() && !res.isChunked()) {
      // The first state is still being read: keep the newest change for then (a final one stays).
      early.merge(res, job, (kept, next) -> isFinal(kept) ? kept : next);
      return;
    }
    // A copy: the same published state goes to every stream of the job, each in its own language.
    JsonObject worded = Messages.catalogues().wordJobErrors(job.copy(),
        languages.getOrDefault(res, Messages.DEFAULT_LANGUAGE));
    res.write("event: job\ndata: " + worded.encode() + "\n\n");
    sent.put(res, job);
    if (isFinal(job)) {
      res.end();
    }
  }

  /**
   * Writes a state unless the stream already showed a later one. A final state always goes out: its
   * updated_at is the time its transaction began, which can be earlier than a progress update that
   * committed first.
   */
  private void sendIfNewer(HttpServerResponse res, JsonObject job) {
    JsonObject last = sent.get(res);
    if (last == null || isFinal(job) || updatedAt(job).isAfter(updatedAt(last))) {
      send(res, job);
    }
  }

  private static boolean isFinal(JsonObject job) {
    String status = job.getString("status");
    return "done".equals(status) || "failed".equals(status);
  }

  private static Instant updatedAt(JsonObject job) {
    String t = job.getString("updated_at");
    return t == null ? Instant.MIN : Instant.parse(t);
  }

  private void close(String id, HttpServerResponse res, long timer) {
    vertx.cancelTimer(timer);
    early.remove(res);
    sent.remove(res);
    languages.remove(res);
    Set<HttpServerResponse> watchers = open.get(id);
    if (watchers != null) {
      watchers.remove(res);
      if (watchers.isEmpty()) {
        open.remove(id);
      }
    }
  }

  int openStreams() {
    return open.values().stream().mapToInt(Set::size).sum();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
