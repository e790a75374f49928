package com.ghldata.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the bytes of job files live: in PostgreSQL beside the jobs (the default: one service fewer,
 * one pg_dump backs up everything), or in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO),
 * with PostgreSQL still keeping a row per chunk (its size and object key) for the queue's checks.
 *
 * @param kind            STORAGE: postgres (default) or s3
 * @param endpoint        S3_ENDPOINT, e.g. https://ACCOUNT.r2.cloudflarestorage.com or http://minio:9000;
 *                        unset: AWS S3 of the region
 * @param bucket          S3_BUCKET, which must exist
 * @param region          S3_REGION (default us-east-1; R2 takes "auto")
 * @param accessKeyId     S3_ACCESS_KEY_ID; with S3_SECRET_ACCESS_KEY, or neither for the SDK's default
 *                        credentials (instance role, AWS_* variables)
 * @param secretAccessKey S3_SECRET_ACCESS_KEY, a secret: environment only
 * @param pathStyle       S3_PATH_STYLE: bucket in the path (MinIO and most self-hosted stores) rather than
 *                        in the host name
 */
public record Storage(Kind kind, String endpoint, String bucket, String region, String accessKeyId,
    String secretAccessKey, boolean pathStyle) {

  public enum Kind { POSTGRES, S3 }

  public boolean s3() {
    return kind == Kind.S3;
  }

  static Storage from(Function<String, String> lookup) {
    String kind = Objects.requireNonNullElse(lookup.apply("STORAGE"), "postgres").trim().toLowerCase(Locale.ROOT);
    Kind k = switch (kind) {
      case "postgres", "postgresql" -> Kind.POSTGRES;
      case "s3" -> Kind.S3;
      default -> throw new IllegalArgumentException("invalid configuration: STORAGE must be postgres or s3, got '"
          + kind + "'");
    };
    String pathStyle = Objects.requireNonNullElse(lookup.apply("S3_PATH_STYLE"), "false").trim().toLowerCase(Locale.ROOT);
    if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
      throw new IllegalArgumentException("invalid configuration: S3_PATH_STYLE must be true or false, got '"
          + pathStyle + "'");
    }
    return new Storage(k, lookup.apply("S3_ENDPOINT"), lookup.apply("S3_BUCKET"),
        Objects.requireNonNullElse(lookup.apply("S3_REGION"), "us-east-1"), lookup.apply("S3_ACCESS_KEY_ID"),
        lookup.apply("S3_SECRET_ACCESS_KEY"), pathStyle.equals("true"));
  }

  /** Adds what is wrong to problems, naming the setting; S3_* settings are only read with STORAGE=s3. */
  void check(List<String> problems) {
    if (!s3()) {
      return;
    }
    if (bucket == null || bucket.isBlank()) {
      problems.add("STORAGE=s3 needs S3_BUCKET");
    }
    if (region == null || region.isBlank()) {
      problems.add("STORAGE=s3 needs S3_REGION");
    }
    if (endpoint != null) {
      try {
        URI u = new URI(endpoint);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
          problems.add("S3_ENDPOINT must be an http:// or https:// URL, got '" + endpoint + "'");
        }
      } catch (java.net.URISyntaxException e) {
        problems.add("S3_ENDPOINT must be an http:// or https:// URL, got '" + endpoint + "'");
      }
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      problems.add("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the "
          + "SDK's default credentials");
    }
  }

  /** These settings under their environment names, for {@link AppConfig#with}. */
  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("STORAGE", kind.name().toLowerCase(Locale.ROOT));
    m.put("S3_ENDPOINT", endpoint);
    m.put("S3_BUCKET", bucket);
    m.put("S3_REGION", region);
    m.put("S3_ACCESS_KEY_ID", accessKeyId);
    m.put("S3_SECRET_ACCESS_KEY", secretAccessKey);
    m.put("S3_PATH_STYLE", String.valueOf(pathStyle));
    return m;
  }
}
