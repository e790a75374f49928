package com.ghldata.jobs;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Where the bytes of a job file's chunk live, behind the chunk protocol (jobs.file.write / read /
 * info) that the worker and the downloads speak: in the job_files row itself (PostgreSQL, the
 * default) or in an object store, the row then holding only the chunk's size and object key.
 */
interface ChunkContents {

  /** What a chunk's row holds: its content, or the key of the object that does (exactly one). */
  record Stored(Buffer content, String objectKey) {}

  /** Keeps a chunk's bytes before its row is written; in PostgreSQL, nothing to do yet. */
  Future<Stored> store(String jobId, String kind, int seq, Buffer bytes);

  /** A chunk's bytes, from what its row holds. */
  Future<Buffer> load(Buffer content, String objectKey);

  /** Removes objects whose rows are gone (a cleared result, a replaced chunk); never fails the caller. */
  void discard(List<String> objectKeys);

  /** Removes every object of a job whose rows are gone (the job deleted); never fails the caller. */
  void discardJob(String jobId);

  /** Succeeds while the bytes can be reached; for readiness. */
  Future<Void> ping();

  Future<Void> close();

  /** The default: the content is the row's. */
  static ChunkContents inRows() {
    return new ChunkContents() {
      @Override
      public Future<Stored> store(String jobId, String kind, int seq, Buffer bytes) {
        return Future.succeededFuture(new Stored(bytes, null));
      }

      @Override
      public Future<Buffer> load(Buffer content, String objectKey) {
        return Future.succeededFuture(content);
      }

      @Override
      public void discard(List<String> objectKeys) {}

      @Override
      public void discardJob(String jobId) {}

      @Override
      public Future<Void> ping() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }
}
