package com.ghldata.bus;

import io.vertx.core.json.JsonObject;

/** The user's choices for one job (upload form fields). */
public record JobOptions(String country, String tag, String source, String sheet) {
  public JsonObject toJson() {
    return new JsonObject().put("country", country).put("tag", tag).put("source", source).put("sheet", sheet);
  }

  public static JobOptions fromJson(JsonObject j) {
    return j == null ? new JobOptions("BR", null, null, null)
        : new JobOptions(j.getString("country", "BR"), j.getString("tag"), j.getString("source"), j.getString("sheet"));
  }
}
