package com.ghldata.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.TestServices;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobMessages.UploadDone;
import com.ghldata.bus.JobOptions;
import com.ghldata.web.Api;
import com.ghldata.web.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's side of the chunked transfer, spoken to over the bus as the HTTP verticle and the
 * workers speak to it, on a node with no worker: an upload that never finishes is invisible and
 * swept; a finish that does not match its chunks is refused; a worker whose lease went to another
 * reads and writes nothing; a completion that does not match its chunks queues the job again.
 */
@Tag("services")
class ChunkStoreTest {
  private static final int MIB = 1 << 20;
  /** The store records the uploader's digest; it does not recompute it. */
  private static final String SHA = "ab".repeat(32);

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("NODE_ROLES", "http,store"));

  @Test
  void anUploadStillArrivingIsInvisibleAndAFinishThatDoesNotMatchItsChunksIsRefused() throws Exception {
    Api api = node.api();
    String id = receiving(api.userId(), 2L * MIB);
    writeChunk(new FileChunk(id, "upload", 0, null, null), bytes(MIB, 'a'));

    Api.assertProblem(api.get("/jobs/" + id), 404, "not_found");
    assertThat(Api.json(api.get("/jobs")).getLong("total")).isZero();
    Api.assertProblem(api.delete("/jobs/" + id), 404, "not_found");

    // One chunk of the two announced: not queued.
    assertThat(code(() -> request(Addresses.JOBS_UPLOAD_FINISH, new UploadDone(id, 2L * MIB, SHA).toJson())))
        .isEqualTo("upload_incomplete");
    assertThat(code(() -> request(Addresses.JOBS_UPLOAD_FINISH, new UploadDone(id, 2L * MIB, null).toJson())))
        .isEqualTo("bad_request");
    writeChunk(new FileChunk(id, "upload", 1, null, null), bytes(MIB, 'b'));
    // Whole now, but not the size announced.
    assertThat(code(() -> request(Addresses.JOBS_UPLOAD_FINISH, new UploadDone(id, 2L * MIB + 1, SHA).toJson())))
        .isEqualTo("upload_incomplete");
    assertThat(TestServices.column("SELECT status FROM jobs WHERE id = '" + id + "'")).containsExactly("receiving");

    JsonObject queued = request(Addresses.JOBS_UPLOAD_FINISH, new UploadDone(id, 2L * MIB, SHA).toJson());
    assertThat(queued.getString("status")).isEqualTo("queued");
    assertThat(api.job(id).getString("status")).isEqualTo("queued");
    // Claimed, a file of two chunks is read chunk by chunk: nothing of it comes with the claim.
    JsonObject claimed = StoreBus.claim(node.app(), "node-a");
    assertThat(claimed.getInteger("upload_chunks")).isEqualTo(2);
    assertThat(claimed.getLong("upload_bytes")).isEqualTo(2L * MIB);
    assertThat(claimed.containsKey("upload")).isFalse();
  }

  @Test
  void anUploadNeverFinishedIsSweptWithItsChunks() throws Exception {
    Api api = node.api();
    String id = receiving(api.userId(), 3L * MIB);
    writeChunk(new FileChunk(id, "upload", 0, null, null), bytes(MIB, 'a'));
    String fresh = receiving(api.userId(), 3L * MIB);
    // The first was begun eleven minutes ago, by a node that then died.
    TestServices.execute("UPDATE jobs SET created_at = now() - interval '11 minutes' WHERE id = '" + id + "'");

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> TestServices.column("SELECT id FROM jobs WHERE id = '" + id + "'").isEmpty());
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE job_id = '" + id + "'")).containsExactly("0");
    assertThat(TestServices.column("SELECT status FROM jobs WHERE id = '" + fresh + "'"))
        .as("an upload under way is left alone").containsExactly("receiving");
  }

  @Test
  void anAbortedUploadGoesAndAChunkOverOneMibIsRefused() throws Exception {
    Api api = node.api();
    String id = receiving(api.userId(), 3L * MIB);
    assertThat(code(() -> writeChunk(new FileChunk(id, "upload", 0, null, null), bytes(MIB + 1, 'x'))))
        .isEqualTo("bad_request");
    assertThat(code(() -> writeChunk(new FileChunk(id, "upload", -1, null, null), bytes(10, 'x'))))
        .isEqualTo("bad_request");
    writeChunk(new FileChunk(id, "upload", 0, null, null), bytes(MIB, 'a'));

    assertThat(request(Addresses.JOBS_UPLOAD_ABORT, new JsonObject().put("id", id)).getBoolean("deleted")).isTrue();
    assertThat(TestServices.column("SELECT count(*) FROM jobs")).containsExactly("0");
    assertThat(TestServices.column("SELECT count(*) FROM job_files")).containsExactly("0");
    // A queued job is not an upload to abort.
    String queued = StoreBus.createJob(node.app(), api.userId(), "ok.csv", "Nome\nAna\n".getBytes()).getString("id");
    assertThat(request(Addresses.JOBS_UPLOAD_ABORT, new JsonObject().put("id", queued)).getBoolean("deleted"))
        .isFalse();
    assertThat(api.job(queued).getString("status")).isEqualTo("queued");
  }

  @Test
  void aWorkerWhoseLeaseWentToAnotherReadsAndWritesNothing() throws Exception {
    Api api = node.api();
    byte[] content = "Nome,Email\nAna,ana@example.com\n".getBytes();
    String id = StoreBus.createJob(node.app(), api.userId(), "lease.csv", content).getString("id");
    JsonObject first = StoreBus.claim(node.app(), "node-a");
    assertThat(first.getString("id")).isEqualTo(id);
    assertThat(first.getBinary("upload")).as("a file of one chunk comes with the claim").isEqualTo(content);
    // node-a stalls past its lease; node-b claims the job.
    TestServices.execute("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = '" + id + "'");
    JsonObject second = StoreBus.claim(node.app(), "node-b");
    assertThat(second.getString("id")).isEqualTo(id);
    assertThat(second.getInteger("attempts")).isEqualTo(2);

    FileChunk stale = new FileChunk(id, "upload", 0, null, "node-a");
    assertThat(code(() -> readChunk(stale))).isEqualTo("job_lost");
    assertThat(code(() -> writeChunk(new FileChunk(id, "output", 0, null, "node-a"), bytes(10, 'x'))))
        .isEqualTo("job_lost");
    assertThat(request(Addresses.JOBS_PROGRESS, new JobProgress(id, "node-a", 1).toJson()).getBoolean("ok"))
        .isFalse();
    assertThat(Arrays.equals(readChunk(new FileChunk(id, "upload", 0, null, "node-b")).getBytes(), content)).isTrue();
    // Nor does the owner read it through another user, nor a worker a chunk that is not there.
    Api other = node.anonymous().signedUp();
    assertThat(code(() -> readChunk(new FileChunk(id, "upload", 0, other.userId(), null)))).isEqualTo("not_found");
    assertThat(code(() -> readChunk(new FileChunk(id, "upload", 1, null, "node-b")))).isEqualTo("job_lost");
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE kind <> 'upload'")).containsExactly("0");
  }

  @Test
  void aCompletionWhoseChunksDidNotAllArriveQueuesTheJobAgain() throws Exception {
    Api api = node.api();
    String id = StoreBus.createJob(node.app(), api.userId(), "short.csv", "Nome\nAna\n".getBytes()).getString("id");
    StoreBus.claim(node.app(), "node-a");
    writeChunk(new FileChunk(id, "output", 0, null, "node-a"), bytes(100, 'x'));

    JsonObject report = new JsonObject().put("total_rows", 1);
    JsonObject reply = request(Addresses.JOBS_COMPLETE,
        new JobCompletion(id, "node-a", report, new JsonObject(), 2, 0, 0).toJson());
    assertThat(reply.getBoolean("ok")).isFalse();
    JsonObject job = api.job(id);
    assertThat(job.getString("status")).isEqualTo("queued");
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE kind = 'output'")).containsExactly("0");

    // The next attempt, whole, completes; its download is what it wrote.
    StoreBus.claim(node.app(), "node-b");
    writeChunk(new FileChunk(id, "output", 0, null, "node-b"), bytes(100, 'y'));
    assertThat(request(Addresses.JOBS_COMPLETE, new JobCompletion(id, "node-b", report, new JsonObject(), 1, 0, 0)
        .toJson()).getBoolean("ok")).isTrue();
    assertThat(api.get("/jobs/" + id + "/download").body()).isEqualTo(bytes(100, 'y'));
  }

  private static String receiving(String userId, long size) throws Exception {
    NewJob job = new NewJob(userId, "grande.csv", new JobOptions("BR", null, null, null), size, null);
    JsonObject created = await(bus().<JsonObject>request(Addresses.JOBS_CREATE, null,
        new DeliveryOptions().addHeader(JobMessages.META, job.toJson().encode()))).body();
    assertThat(created.getString("status")).isEqualTo("receiving");
    return created.getString("id");
  }

  private static JsonObject writeChunk(FileChunk chunk, byte[] content) throws Exception {
    return await(bus().<JsonObject>request(Addresses.JOBS_FILE_WRITE, Buffer.buffer(content),
        new DeliveryOptions().addHeader(JobMessages.META, chunk.toJson().encode()))).body();
  }

  private static Buffer readChunk(FileChunk chunk) throws Exception {
    return await(bus().<Buffer>request(Addresses.JOBS_FILE_READ, chunk.toJson())).body();
  }

  private static JsonObject request(String address, JsonObject body) throws Exception {
    return await(bus().<JsonObject>request(address, body)).body();
  }

  /** The stable code a bus call failed with. */
  private static String code(Call call) {
    try {
      call.run();
    } catch (ExecutionException e) {
      return ErrorCode.of(e.getCause()).code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the call to fail");
  }

  private interface Call {
    void run() throws Exception;
  }

  private static byte[] bytes(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  private static EventBus bus() {
    return node.app().vertx().eventBus();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
