package com.ghldata.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's requests to the job store that a brief database outage must not cost a conversion:
 * one answered {@code store_unavailable}, or not answered at all (the store node restarting), is sent
 * again with back-off (250 ms doubling to 4 s) for as long as the worker's lease lasts. Before each
 * resend the lease is renewed, so that the store, once back, first hears the job is still being
 * worked on: a renewal the store refuses (the job was deleted or taken over) ends the retries with
 * {@code job_lost}. Past the lease it gives up with the last failure: another node will take the job.
 *
 * <p>Only for requests the store may receive twice: chunk writes and reads, and the final
 * complete / fail / release (a second one of those changes nothing). Runs on an event loop.
 */
public final class StoreRetry {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
  static final long FIRST_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 4_000;

  private final Vertx vertx;
  private final LongSupplier leaseLeftMs;
  private final Supplier<Future<Boolean>> renew;
  private final Runnable retried;

  /**
   * @param leaseLeftMs how long the worker still holds the job (it may grow as the lease is renewed)
   * @param renew renews the lease: true when the store renewed it, false when the job is no longer ours
   * @param retried called on every resend (a metric)
   */
  public StoreRetry(Vertx vertx, LongSupplier leaseLeftMs, Supplier<Future<Boolean>> renew, Runnable retried) {
    this.vertx = vertx;
    this.leaseLeftMs = leaseLeftMs;
    this.renew = renew;
    this.retried = retried;
  }

  /** Sends {@code request} now, and again after a failure worth retrying, while the lease lasts. */
  public <T> Future<T> call(String what, Supplier<Future<T>> request) {
    return request.get().recover(e -> retryable(e) ? later(what, request, e, FIRST_BACKOFF_MS, 1)
        : Future.failedFuture(e));
  }

  /** How long the lease still runs; at or below zero, retries have stopped. */
  public long leaseLeftMs() {
    return leaseLeftMs.getAsLong();
  }

  private <T> Future<T> later(String what, Supplier<Future<T>> request, Throwable last, long backoff, int tries) {
    long left = leaseLeftMs.getAsLong();
    if (left <= 0) {
      LOG.warn("{}: the store is still unavailable after {} tries and the lease has passed: giving up ({})", what,
          tries, last.getMessage());
      return Future.failedFuture(last);
    }
    if (tries == 1) {
      LOG.warn("{}: the store is unavailable ({}); trying again for the {} s left of the lease", what,
          last.getMessage(), left / 1000);
    }
    long next = Math.min(backoff * 2, MAX_BACKOFF_MS);
    return vertx.timer(Math.min(backoff, left)).compose(v -> renew.get()).transform(renewed -> {
      if (renewed.failed()) {
        return retryable(renewed.cause()) ? later(what, request, renewed.cause(), next, tries + 1)
            : Future.failedFuture(renewed.cause());
      }
      if (!renewed.result()) {
        LOG.info("{}: the job is no longer this worker's (deleted, or its lease passed): not sent again", what);
        return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ErrorCode.JOB_LOST.failureCode(),
            ErrorCode.JOB_LOST.replyMessage(null)));
      }
      retried.run();
      return request.get()
          .onSuccess(ok -> LOG.info("{}: stored after {} tries, the database back", what, tries + 1))
          .recover(e -> retryable(e) ? later(what, request, e, next, tries + 1) : Future.failedFuture(e));
    });
  }

  /** The store's database is away (store_unavailable), or the store did not answer (time-out, no store). */
  public static boolean retryable(Throwable e) {
    if (e instanceof ReplyException re && re.failureCode() <= 0) {
      return re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.NO_HANDLERS;
    }
    return e instanceof ReplyException && ErrorCode.STORE_UNAVAILABLE.code().equals(ErrorCode.of(e).code());
  }
}
