package com.ghldata.bus;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * An OutputStream that sends what is written to a bus address in numbered chunks (seq 0, 1, ...),
 * each a request whose metadata header {@link JobMessages#META} is {@code meta.apply(seq)}. Blocks
 * the writing thread while {@link Transfers#WINDOW} chunks await their answer; a refused chunk
 * fails the next write or close with a {@link Transfers.TransferException}, and every write or close
 * after that with the same failure: a failed stream stays failed. With a {@link StoreRetry} (a
 * worker's results), a chunk the store could not take for a moment is sent again within the lease.
 * Not for event loops.
 */
public final class ChunkedOutput extends OutputStream {
  private final Context context;
  private final EventBus bus;
  private final String address;
  private final IntFunction<JsonObject> meta;
  private final int chunkBytes;
  private final StoreRetry retry;
  private final ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
  private byte[] buffer;
  private int filled;
  private int chunks;
  private long bytes;
  private boolean closed;
  private IOException failure;

  public ChunkedOutput(Context context, String address, IntFunction<JsonObject> meta) {
    this(context, address, meta, Transfers.CHUNK_BYTES);
  }

  public ChunkedOutput(Context context, String address, IntFunction<JsonObject> meta, int chunkBytes) {
    this(context, address, meta, chunkBytes, null);
  }

  /** Chunks the store could not take while its database was away are sent again by {@code retry}. */
  public ChunkedOutput(Context context, String address, IntFunction<JsonObject> meta, StoreRetry retry) {
    this(context, address, meta, Transfers.CHUNK_BYTES, retry);
  }

  private ChunkedOutput(Context context, String address, IntFunction<JsonObject> meta, int chunkBytes,
      StoreRetry retry) {
    this.retry = retry;
    this.context = context;
    this.bus = context.owner().eventBus();
    this.address = address;
    this.meta = meta;
    this.chunkBytes = chunkBytes;
    this.buffer = new byte[chunkBytes];
  }

  @Override
  public void write(int b) throws IOException {
    failIfFailed();
    if (closed) {
      throw new IOException("stream finished");
    }
    if (filled == chunkBytes) {
      send();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    failIfFailed();
    if (closed) {
      throw new IOException("stream finished");
    }
    while (len > 0) {
      if (filled == chunkBytes) {
        send();
      }
      int n = Math.min(len, chunkBytes - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  /**
   * Sends the last, partly filled chunk without waiting for its answer, so that several streams can
   * end at once; writing after it fails. {@link #close} then waits.
   */
  public void finish() throws IOException {
    if (closed) {
      return;
    }
    if (filled > 0) {
      send();
    }
    closed = true;
  }

  /** Sends the last, partly filled chunk and waits until every chunk is answered. */
  @Override
  public void close() throws IOException {
    failIfFailed();
    if (buffer == null) {
      return;
    }
    finish();
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
    buffer = null;
  }

  /** Chunks sent; valid once closed. */
  public int chunks() {
    return chunks;
  }

  /** Bytes sent; valid once closed. */
  public long bytes() {
    return bytes;
  }

  private void send() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (inFlight.size() >= Transfers.WINDOW) {
      awaitOldest();
    }
    Buffer chunk = Buffer.buffer(filled).appendBytes(buffer, 0, filled);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(Transfers.TIMEOUT_MS)
        .addHeader(JobMessages.META, meta.apply(chunks).encode());
    int seq = chunks;
    inFlight.add(Transfers.call(context, retry == null ? () -> bus.request(address, chunk, options)
        : () -> retry.call(address + " " + meta.apply(seq).encode(),
            () -> bus.request(address, chunk, options))));
    chunks++;
    bytes += filled;
    filled = 0;
  }

  private void awaitOldest() throws IOException {
    try {
      Transfers.await(inFlight.poll(), retry);
    } catch (IOException e) {
      failure = e;
      inFlight.clear();
      throw e;
    }
  }

  /** A fresh exception each time, so that try-with-resources never suppresses one with itself. */
  private void failIfFailed() throws IOException {
    if (failure instanceof Transfers.TransferException refused) {
      throw new Transfers.TransferException(refused.failure(), refused.getMessage());
    }
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
  }
}
