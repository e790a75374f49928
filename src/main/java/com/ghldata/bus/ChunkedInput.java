package com.ghldata.bus;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * An InputStream over a file stored in numbered chunks: asks a bus address for chunk 0, 1, ...
 * {@code chunks - 1} (the request body is {@code request.apply(seq)}; the answer's body is the
 * chunk), one chunk ahead of the reader. Holds at most two chunks. With a {@link StoreRetry} (a
 * worker's upload), a chunk the store could not read for a moment is asked again within the lease.
 * Not for event loops.
 */
public final class ChunkedInput extends InputStream {
  private final Context context;
  private final EventBus bus;
  private final String address;
  private final IntFunction<JsonObject> request;
  private final int chunks;
  private final StoreRetry retry;
  private int next;
  private CompletableFuture<Message<Buffer>> ahead;
  private byte[] current = new byte[0];
  private int pos;

  public ChunkedInput(Context context, String address, int chunks, IntFunction<JsonObject> request) {
    this(context, address, chunks, request, null);
  }

  public ChunkedInput(Context context, String address, int chunks, IntFunction<JsonObject> request,
      StoreRetry retry) {
    this.retry = retry;
    this.context = context;
    this.bus = context.owner().eventBus();
    this.address = address;
    this.chunks = chunks;
    this.request = request;
  }

  @Override
  public int read() throws IOException {
    if (pos == current.length && !advance()) {
      return -1;
    }
    return current[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == current.length && !advance()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - pos;
  }

  private boolean advance() throws IOException {
    while (pos == current.length) {
      if (ahead == null && next < chunks) {
        ahead = fetch(next++);
      }
      if (ahead == null) {
        return false;
      }
      Message<Buffer> reply = Transfers.await(ahead, retry);
      ahead = next < chunks ? fetch(next++) : null;
      current = reply.body() == null ? new byte[0] : reply.body().getBytes();
      pos = 0;
    }
    return true;
  }

  private CompletableFuture<Message<Buffer>> fetch(int seq) {
    JsonObject body = request.apply(seq);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(Transfers.TIMEOUT_MS);
    return Transfers.call(context, retry == null ? () -> bus.request(address, body, options)
        : () -> retry.call(address + " " + body.encode(), () -> bus.request(address, body, options)));
  }
}
