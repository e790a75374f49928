package com.ghldata.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * How files cross the event bus: in chunks of at most {@link #CHUNK_BYTES}, each one a request
 * answered before the next is sent (at most {@link #WINDOW} in flight), so a slow reader or store
 * slows the sender instead of filling its memory, and the same code works when the other end is
 * on another node of the cluster.
 */
public final class Transfers {
  /** The largest chunk of a file in one bus message, and in one stored row. */
  public static final int CHUNK_BYTES = 1 << 20;
  /**
   * Chunks sent before the first answer is awaited: four keep the store's inserts overlapping
   * (a 9 MB upload stored in about 60 ms instead of 130 with two), for 4 MiB per stream in flight.
   */
  static final int WINDOW = 4;
  static final long TIMEOUT_MS = 60_000;

  private Transfers() {}

  /**
   * Runs a bus call on {@code context} (an event loop) and waits for it on this thread. For the
   * blocking streams of the engine's side, which must never run on an event loop themselves.
   */
  public static <T> CompletableFuture<T> call(Context context, Supplier<Future<T>> call) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking transfer must not run on an event loop");
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        call.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future().toCompletionStage().toCompletableFuture();
  }

  /** Waits for a {@link #call}; a refusal or time-out is a {@link TransferException}. */
  public static <T> T await(CompletableFuture<T> f) throws IOException {
    try {
      return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("transfer interrupted");
    } catch (TimeoutException e) {
      throw new TransferException(null, "no answer within " + TIMEOUT_MS + " ms");
    } catch (ExecutionException e) {
      throw new TransferException(e.getCause(), String.valueOf(e.getCause().getMessage()));
    }
  }

  /**
   * Waits for a {@link #call} that {@code retry} sends again while its lease lasts: past the usual
   * time-out as long as the lease still runs (the retry then answers within one more time-out).
   */
  public static <T> T await(CompletableFuture<T> f, StoreRetry retry) throws IOException {
    if (retry == null) {
      return await(f);
    }
    while (true) {
      try {
        return await(f);
      } catch (TransferException e) {
        if (e.failure() != null || retry.leaseLeftMs() <= -TIMEOUT_MS) {
          throw e;
        }
      }
    }
  }

  /** A chunk the other end refused or did not answer; {@link #failure()} says why, as a bus failure. */
  public static final class TransferException extends IOException {
    private final transient Throwable failure;

    TransferException(Throwable failure, String message) {
      super(message, failure);
      this.failure = failure;
    }

    /** The bus failure (a ReplyException with our code), or null for a time-out. */
    public Throwable failure() {
      return failure;
    }

    /** Whether the other end answered with this code (e.g. job_lost). */
    public boolean is(ErrorCode code) {
      return failure != null && ErrorCode.of(failure).code().equals(code.code());
    }
  }
}
