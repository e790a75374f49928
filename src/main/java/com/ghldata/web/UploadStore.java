package com.ghldata.web;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ChunkedOutput;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.NewJob;
import com.ghldata.bus.JobMessages.UploadDone;
import com.ghldata.bus.JobOptions;
import com.ghldata.bus.Transfers;
import com.ghldata.bus.Transfers.TransferException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stores an upload that the body handler wrote to this node's disk: a file of one chunk in a single
 * jobs.create, without blocking; a larger one, on a thread that may block, as a 'receiving' job, then
 * its chunks (at most four in flight), then jobs.upload.finish, which queues it. Memory: four chunks,
 * whatever the size. An upload that fails half way is deleted (or swept, if this node dies).
 */
final class UploadStore {
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(60_000);

  private final Context context;
  private final EventBus bus;

  UploadStore(Context context) {
    this.context = context;
    this.bus = context.owner().eventBus();
  }

  /** A file of one chunk, read and stored without blocking: the queued job's JSON. */
  Future<JsonObject> storeWhole(Path file, String userId, String filename, JobOptions options) {
    return context.owner().fileSystem().readFile(file.toString()).compose(bytes -> send(Addresses.JOBS_CREATE, bytes,
        new NewJob(userId, filename, options, bytes.length(), sha256(bytes.getBytes())).toJson()));
  }

  /**
   * A file of more than one chunk (a smaller one: {@link #storeWhole}), on a thread that may block:
   * the queued job's JSON; a refusal from the store is thrown as the bus failure it was.
   */
  JsonObject store(Path file, String userId, String filename, JobOptions options) throws IOException {
    long size = Files.size(file);
    try {
      JsonObject receiving = request(Addresses.JOBS_CREATE, null, new NewJob(userId, filename, options, size, null)
          .toJson());
      String id = receiving.getString("id");
      try {
        MessageDigest digest = digest();
        ChunkedOutput chunks = new ChunkedOutput(context, Addresses.JOBS_FILE_WRITE,
            seq -> new FileChunk(id, "upload", seq, null, null).toJson());
        try (InputStream in = Files.newInputStream(file);
             DigestOutputStream out = new DigestOutputStream(chunks, digest)) {
          in.transferTo(out);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        return Transfers.await(Transfers.call(context, () -> bus.<JsonObject>request(Addresses.JOBS_UPLOAD_FINISH,
            new UploadDone(id, size, sha).toJson(), SLOW).map(Message::body)));
      } catch (IOException | RuntimeException e) {
        context.runOnContext(v -> bus.request(Addresses.JOBS_UPLOAD_ABORT, new JsonObject().put("id", id)));
        throw e;
      }
    } catch (TransferException e) {
      if (e.failure() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  private JsonObject request(String address, Buffer body, JsonObject meta) throws IOException {
    return Transfers.await(Transfers.call(context, () -> send(address, body, meta)));
  }

  /** A request to the store with its metadata header; on this store's context. */
  private Future<JsonObject> send(String address, Buffer body, JsonObject meta) {
    DeliveryOptions options = new DeliveryOptions(SLOW).addHeader(JobMessages.META, meta.encode());
    return bus.<JsonObject>request(address, body, options).map(Message::body);
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
