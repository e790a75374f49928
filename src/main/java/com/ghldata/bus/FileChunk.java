package com.ghldata.bus;

import io.vertx.core.json.JsonObject;

/**
 * One chunk of a stored file (jobs.file.read, jobs.file.write), with who asks: a user reading their
 * finished job's files ({@code userId}), a worker holding the job's lease ({@code node}), or, for an
 * upload still being received, neither. The chunk's bytes travel as the message body.
 */
public record FileChunk(String id, String kind, int seq, String userId, String node) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind).put("seq", seq).put("user_id", userId)
        .put("node", node);
  }

  public static FileChunk fromJson(JsonObject j) {
    return new FileChunk(j.getString("id"), j.getString("kind"), j.getInteger("seq", 0), j.getString("user_id"),
        j.getString("node"));
  }

  public FileChunk at(int seq) {
    return new FileChunk(id, kind, seq, userId, node);
  }
}
