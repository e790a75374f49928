package com.ghldata.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * openapi.yaml, as the router needs it. The published contract documents the real response types
 * (text/csv, application/zip, text/event-stream, application/problem+json); vertx-openapi 5.0 refuses
 * any media type outside its short list even in responses, which it never validates here. The
 * router's copy drops just those response media types; requests are validated against the rest,
 * unchanged.
 */
final class RouterContract {
  static final String PATH = "openapi.yaml";

  private RouterContract() {}

  static Future<OpenAPIContract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(PATH)
        .map(buf -> forRouter(parse(buf.toString(StandardCharsets.UTF_8))))
        .compose(json -> OpenAPIContract.from(vertx, json));
  }

  static JsonObject parse(String yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return (JsonObject) toJson(tree);
  }

  static JsonObject forRouter(JsonObject contract) {
    JsonObject copy = contract.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.containsKey("responses")) {
          dropUnsupportedMediaTypes(op.getJsonObject("responses"));
        }
      }
    }
    JsonObject shared = copy.getJsonObject("components", new JsonObject()).getJsonObject("responses");
    if (shared != null) {
      dropUnsupportedMediaTypes(shared);
    }
    return copy;
  }

  /** In every response of the map, removes the media types vertx-openapi refuses (and empty content). */
  private static void dropUnsupportedMediaTypes(JsonObject responses) {
    for (String key : responses.fieldNames()) {
      JsonObject response = responses.getJsonObject(key);
      JsonObject content = response.getJsonObject("content");
      if (content != null) {
        new ArrayList<>(content.fieldNames()).stream()
            .filter(type -> !MediaType.isMediaTypeSupported(type))
            .forEach(content::remove);
        if (content.isEmpty()) {
          response.remove("content");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object toJson(Object node) {
    if (node instanceof Map<?, ?> map) {
      JsonObject o = new JsonObject();
      map.forEach((k, v) -> o.put(String.valueOf(k), toJson(v)));
      return o;
    }
    if (node instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(v -> a.add(toJson(v)));
      return a;
    }
    if (node instanceof Date d) {
      return d.toInstant().toString();
    }
    return node;
  }
}
