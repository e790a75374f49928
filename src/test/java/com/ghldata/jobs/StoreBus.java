package com.ghldata.jobs;

import com.ghldata.Application;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.JobFailure;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * Talks to a node's real job store over its event bus, the way the HTTP verticle and the workers do.
 * Tests use it to queue a job on a node that has no worker (whose HTTP upload needs a worker to
 * inspect the file) and to play a worker that claims a job and then dies.
 */
public final class StoreBus {
  private static final long TIMEOUT_S = 15;

  private StoreBus() {}

  /** jobs.create of a file of one chunk, as the HTTP upload sends it: the stored job's JSON (status queued). */
  public static JsonObject createJob(Application app, String userId, String filename, byte[] content)
      throws Exception {
    NewJob job = new NewJob(userId, filename, new JobOptions("BR", null, null, null), content.length, null);
    Future<Message<JsonObject>> reply = app.vertx().eventBus().request(Addresses.JOBS_CREATE, Buffer.buffer(content),
        new DeliveryOptions().addHeader(JobMessages.META, job.toJson().encode()));
    return await(reply).body();
  }

  /**
   * jobs.claim as a worker named {@code node}: the claimed job's metadata (id, attempts ...), or null
   * when nothing is runnable.
   */
  public static JsonObject claim(Application app, String node) throws Exception {
    Message<JsonObject> reply = await(app.vertx().eventBus().<JsonObject>request(Addresses.JOBS_CLAIM,
        new JsonObject().put("node", node)));
    return reply.body();
  }

  /** jobs.fail, not retryable, as the worker holding the job would send it. */
  public static JsonObject fail(Application app, String id, String node, String code, String message) throws Exception {
    return await(app.vertx().eventBus().<JsonObject>request(Addresses.JOBS_FAIL,
        new JobFailure(id, node, code, message, false).toJson())).body();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
