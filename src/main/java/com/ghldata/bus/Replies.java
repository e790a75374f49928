package com.ghldata.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * How a bus consumer answers: a JSON request handler returning a future becomes a consumer that
 * replies, or fails with the failure's code; anything unexpected is logged and answered 503.
 */
public final class Replies {
  private Replies() {}

  public static Handler<Message<JsonObject>> json(Function<JsonObject, Future<JsonObject>> handler,
      Logger log, String unavailable) {
    return json(handler, (msg, e) -> fail(msg, e, log, unavailable));
  }

  /** The same, failing through {@code fail}: {@link #fail} with what the consumer adds to its log lines. */
  public static Handler<Message<JsonObject>> json(Function<JsonObject, Future<JsonObject>> handler,
      BiConsumer<Message<JsonObject>, Throwable> fail) {
    return msg -> {
      Future<JsonObject> f;
      try {
        f = handler.apply(msg.body() == null ? new JsonObject() : msg.body());
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onSuccess(msg::reply).onFailure(e -> fail.accept(msg, e));
    };
  }

  /** Fails the request: our own failures travel as they are, anything else is logged and a 503. */
  public static void fail(Message<?> msg, Throwable e, Logger log, String unavailable) {
    if (e instanceof ErrorCode.Failure.Carrier) {
      ErrorCode.Failure f = ErrorCode.of(e);
      msg.fail(f.category().failureCode(), f.category().replyMessage(f.code(), f.variant(), f.params(), f.detail()));
      return;
    }
    log.error("{} failed", msg.address(), e);
    msg.fail(ErrorCode.SERVICE_UNAVAILABLE.failureCode(), ErrorCode.SERVICE_UNAVAILABLE.replyMessage(unavailable));
  }
}
