package com.ghldata.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ChunkedOutput and ChunkedInput over a real (local) event bus: the streams run on the test thread,
 * which is not an event loop, and make their bus calls on an event-loop context.
 */
class ChunkedStreamsTest {
  private static final int MIB = Transfers.CHUNK_BYTES;
  private static final long WAIT_S = 10;

  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    // Called off any Vert.x thread, this makes a fresh event-loop context for the streams' calls.
    context = vertx.getOrCreateContext();
    assertThat(context.isEventLoopContext()).isTrue();
    assertThat(Context.isOnEventLoopThread()).as("the streams block; the test thread must not be a loop").isFalse();
  }

  @AfterEach
  void stop() throws Exception {
    join(vertx.close());
  }

  /** A chunk as it arrived: its seq from the META header, the header itself, and its bytes. */
  private record Arrived(int seq, JsonObject meta, byte[] bytes) {}

  @Test
  void splitsOddSizedWritesIntoNumberedChunksOfAtMostOneMebibyte() throws Exception {
    byte[] data = bytes(2 * MIB + MIB / 2 + 7, 1);
    List<Arrived> arrived = Collections.synchronizedList(new ArrayList<>());
    consume("test.sink", msg -> {
      JsonObject meta = new JsonObject(msg.headers().get(JobMessages.META));
      arrived.add(new Arrived(meta.getInteger("seq"), meta, msg.body().getBytes()));
      msg.reply(null);
    });

    FileChunk file = new FileChunk("job-1", "output", 0, null, "node-a");
    ChunkedOutput out = new ChunkedOutput(context, "test.sink", seq -> file.at(seq).toJson());
    writeOddly(out, data);
    out.close();

    assertThat(out.chunks()).isEqualTo(3);
    assertThat(out.bytes()).isEqualTo(data.length);
    // close() waited for every answer, and each chunk is recorded before it is answered
    assertThat(arrived).extracting(Arrived::seq).containsExactly(0, 1, 2);
    assertThat(arrived).extracting(a -> a.bytes().length).containsExactly(MIB, MIB, data.length - 2 * MIB);
    for (Arrived a : arrived) {
      FileChunk meta = FileChunk.fromJson(a.meta());
      assertThat(meta).as("META of chunk %d is meta.apply(seq)", a.seq()).isEqualTo(file.at(a.seq()));
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    arrived.forEach(a -> joined.writeBytes(a.bytes()));
    assertThat(joined.toByteArray()).isEqualTo(data);
  }

  @Test
  void neverHasMoreThanTheWindowOfChunksUnanswered() throws Exception {
    int chunks = 2 * Transfers.WINDOW + 1;
    AtomicInteger unanswered = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> seqs = Collections.synchronizedList(new ArrayList<>());
    consume("test.slow", msg -> {
      most.accumulateAndGet(unanswered.incrementAndGet(), Math::max);
      seqs.add(new JsonObject(msg.headers().get(JobMessages.META)).getInteger("seq"));
      // a slow store: the answer comes later, from a timer on the consumer's loop
      vertx.setTimer(100, id -> {
        unanswered.decrementAndGet();
        msg.reply(null);
      });
    });

    ChunkedOutput out = new ChunkedOutput(context, "test.slow", seqMeta());
    byte[] piece = bytes(MIB / 3 + 1, 2);
    long total = (long) chunks * MIB;
    for (long written = 0; written < total; written += piece.length) {
      out.write(piece, 0, (int) Math.min(piece.length, total - written));
    }
    out.close();

    assertThat(out.chunks()).isEqualTo(chunks);
    assertThat(seqs).hasSize(chunks).isSorted();
    assertThat(unanswered.get()).as("close() waited for every answer").isZero();
    assertThat(most.get()).as("most chunks unanswered at once").isLessThanOrEqualTo(Transfers.WINDOW)
        .as("chunks are sent ahead of their answers").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRefusedChunkFailsCloseWithItsCode() throws Exception {
    consume("test.refuse", refusingChunk(1));

    ChunkedOutput out = new ChunkedOutput(context, "test.refuse", seqMeta());
    Throwable thrown = catchThrowable(() -> {
      writeOddly(out, bytes(2 * MIB + MIB / 2 + 7, 3));
      out.close();
    });

    assertRefusedWith(thrown, ErrorCode.JOB_LOST);
  }

  @Test
  void aRefusedChunkFailsALaterWrite() throws Exception {
    consume("test.refuse", refusingChunk(1));

    ChunkedOutput out = new ChunkedOutput(context, "test.refuse", seqMeta());
    byte[] piece = bytes(MIB / 2 + 3, 4);
    long total = (long) (3 * Transfers.WINDOW) * MIB;
    Throwable thrown = catchThrowable(() -> {
      for (long written = 0; written < total; written += piece.length) {
        out.write(piece);
      }
    });
    Throwable atClose = catchThrowable(out::close);
    Throwable atLaterWrite = catchThrowable(() -> out.write(1));

    assertThat(thrown).as("a write %d chunks after the refused one fails", Transfers.WINDOW).isNotNull();
    assertRefusedWith(thrown, ErrorCode.JOB_LOST);
    assertRefusedWith(atClose, ErrorCode.JOB_LOST);       // the failed stream stays failed at close
    assertRefusedWith(atLaterWrite, ErrorCode.JOB_LOST);  // and at any later write
    assertThat(atClose).as("a fresh exception: try-with-resources cannot self-suppress").isNotSameAs(thrown);
  }

  @Test
  void finishSendsTheLastChunkWithoutWaitingSoThatStreamsEndTogether() throws Exception {
    // Each stream sends a full chunk 0 and a partial chunk 1; the consumer holds both chunks 1 until
    // both have arrived, so a finish() that waited or did not send would never see its answer (after
    // WAIT_S the consumer gives up and refuses them, which fails the test instead of hanging it).
    CountDownLatch bothLast = new CountDownLatch(2);
    List<Message<Buffer>> held = new ArrayList<>(); // touched on the consumer's loop only
    consume("test.pair", msg -> {
      JsonObject meta = new JsonObject(msg.headers().get(JobMessages.META));
      if (meta.getInteger("seq") == 0) {
        msg.reply(null);
        return;
      }
      held.add(msg);
      bothLast.countDown();
      if (held.size() == 2) {
        held.forEach(m -> m.reply(null));
        held.clear();
      } else {
        vertx.setTimer(TimeUnit.SECONDS.toMillis(WAIT_S), id -> {
          held.forEach(m -> m.fail(500, ErrorCode.INTERNAL_ERROR.replyMessage("held: the other last chunk never came")));
          held.clear();
        });
      }
    });

    byte[] a = bytes(MIB + 5, 5);
    byte[] b = bytes(MIB + 9, 6);
    ChunkedOutput outA = new ChunkedOutput(context, "test.pair", seq -> new JsonObject().put("seq", seq).put("s", "a"));
    ChunkedOutput outB = new ChunkedOutput(context, "test.pair", seq -> new JsonObject().put("seq", seq).put("s", "b"));
    outA.write(a);
    outB.write(b);
    outA.finish();
    outB.finish();
    assertThat(bothLast.await(WAIT_S, TimeUnit.SECONDS)).as("both last chunks sent by finish(), before any close()")
        .isTrue();

    assertThatThrownBy(() -> outA.write(1)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> outB.write(new byte[3], 0, 3)).isInstanceOf(IOException.class);

    outA.close();
    outB.close();
    assertThat(outA.chunks()).isEqualTo(2);
    assertThat(outA.bytes()).isEqualTo(a.length);
    assertThat(outB.chunks()).isEqualTo(2);
    assertThat(outB.bytes()).isEqualTo(b.length);
    assertThatThrownBy(() -> outA.write(1)).as("closed").isInstanceOf(IOException.class);
  }

  @Test
  void readsChunksBackAsOneStream() throws Exception {
    byte[] data = bytes(2 * MIB + MIB / 2 + 7, 7);
    List<Integer> requested = Collections.synchronizedList(new ArrayList<>());
    serve("test.read", data, requested, -1);
    FileChunk file = new FileChunk("job-2", "upload", 0, null, "node-a");
    IntFunction<JsonObject> request = seq -> file.at(seq).toJson();

    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream in = new ChunkedInput(context, "test.read", 3, request)) {
      byte[] buf = new byte[4093];
      for (int n; (n = in.read(buf, 0, buf.length)) != -1; ) {
        assertThat(n).isPositive();
        got.write(buf, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(got.toByteArray()).isEqualTo(data);
    assertThat(requested).as("each chunk asked for once, none past the last").containsExactly(0, 1, 2);

    requested.clear();
    try (InputStream in = new ChunkedInput(context, "test.read", 3, request)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(requested).containsExactly(0, 1, 2);
  }

  @Test
  void aRefusedChunkFailsTheReadWithItsCode() throws Exception {
    byte[] data = bytes(2 * MIB + MIB / 2 + 7, 8);
    serve("test.read", data, Collections.synchronizedList(new ArrayList<>()), 2);

    long read = 0;
    Throwable thrown = null;
    try (InputStream in = new ChunkedInput(context, "test.read", 3, seqMeta())) {
      byte[] buf = new byte[65_536];
      for (int n; (n = in.read(buf, 0, buf.length)) != -1; ) {
        read += n;
      }
    } catch (IOException e) {
      thrown = e;
    }
    assertThat(read).as("chunks 0 and 1 were read before the refusal").isEqualTo(2L * MIB);
    assertRefusedWith(thrown, ErrorCode.NOT_FOUND);
    assertThat(((Transfers.TransferException) thrown).is(ErrorCode.JOB_LOST)).isFalse();

    try (InputStream in = new ChunkedInput(context, "test.read", 3, seqMeta())) {
      Throwable all = catchThrowable(in::readAllBytes);
      assertRefusedWith(all, ErrorCode.NOT_FOUND);
    }
  }

  @Test
  void anInputOfNoChunksEndsAtOnceWithoutAsking() throws Exception {
    // No consumer: any request would fail with NO_HANDLERS instead of reading the end.
    try (InputStream in = new ChunkedInput(context, "test.nobody", 0, seqMeta())) {
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  // --- helpers ---

  private static IntFunction<JsonObject> seqMeta() {
    return seq -> new JsonObject().put("seq", seq);
  }

  private void consume(String address, Handler<Message<Buffer>> handler) throws Exception {
    join(vertx.eventBus().<Buffer>consumer(address, handler).completion());
  }

  /** Answers chunk {@code refused} with job_lost, the others with an empty reply. */
  private static Handler<Message<Buffer>> refusingChunk(int refused) {
    return msg -> {
      int seq = new JsonObject(msg.headers().get(JobMessages.META)).getInteger("seq");
      if (seq == refused) {
        msg.fail(ErrorCode.JOB_LOST.failureCode(), ErrorCode.JOB_LOST.replyMessage(null));
      } else {
        msg.reply(null);
      }
    };
  }

  /** Serves {@code data} in chunks of CHUNK_BYTES by the request's seq; refuses chunk {@code refused} with not_found. */
  private void serve(String address, byte[] data, List<Integer> requested, int refused) throws Exception {
    join(vertx.eventBus().<JsonObject>consumer(address, msg -> {
      int seq = msg.body().getInteger("seq");
      requested.add(seq);
      if (seq == refused) {
        msg.fail(ErrorCode.NOT_FOUND.failureCode(), ErrorCode.NOT_FOUND.replyMessage("no chunk " + seq));
        return;
      }
      int from = seq * MIB;
      msg.reply(Buffer.buffer(Arrays.copyOfRange(data, from, Math.min(data.length, from + MIB))));
    }).completion());
  }

  private static void assertRefusedWith(Throwable thrown, ErrorCode code) {
    assertThat(thrown).isInstanceOf(Transfers.TransferException.class);
    Transfers.TransferException e = (Transfers.TransferException) thrown;
    assertThat(e.is(code)).as("is(%s): %s", code, e.getMessage()).isTrue();
    assertThat(ErrorCode.of(e.failure()).category()).isEqualTo(code);
  }

  /** Writes in pieces of awkward sizes, single bytes and empty writes included. */
  private static void writeOddly(ChunkedOutput out, byte[] data) throws IOException {
    int[] sizes = {1, 7, 0, 4093, 65_537, 300_007, 1};
    int off = 0;
    for (int i = 0; off < data.length; i++) {
      int n = Math.min(sizes[i % sizes.length], data.length - off);
      if (n == 1) {
        out.write(data[off]);
      } else {
        out.write(data, off, n);
      }
      off += n;
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static <T> T join(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
  }
}
