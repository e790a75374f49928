package com.ghldata.jobs;

import com.ghldata.config.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Chunks as objects in an S3-compatible bucket, one per chunk, under
 * {@code jobs/<job id>/<kind>/<seq>-<random>}: the random part means a worker whose lease passed can
 * never overwrite the chunk of the attempt that replaced it (its row write then fails, and its object
 * is removed). The AWS SDK's sync client runs on a worker pool of its own, never on an event loop.
 */
final class S3Chunks implements ChunkContents {
  private static final Logger LOG = LoggerFactory.getLogger(S3Chunks.class);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  /** The bucket could not be reached or refused the request: the client is told to come back. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String what, Throwable cause) {
      super("object storage: " + what + " failed: " + cause.getMessage(), cause);
    }
  }

  private final S3Client s3;
  private final String bucket;
  private final WorkerExecutor workers;

  private S3Chunks(S3Client s3, String bucket, WorkerExecutor workers) {
    this.s3 = s3;
    this.bucket = bucket;
    this.workers = workers;
  }

  static S3Chunks create(Vertx vertx, Storage settings, int threads) {
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(settings.region()))
        // Plain signed bodies, not aws-chunked: some S3-compatible stores keep the chunk framing as content.
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle())
            .chunkedEncodingEnabled(false).build())
        // Checksums only where the API requires them: S3-compatible stores do not all take the
        // SDK's default trailing checksums.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(30)).maxConnections(threads))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)));
    if (settings.endpoint() != null) {
      b.endpointOverride(URI.create(settings.endpoint()));
    }
    b.credentialsProvider(settings.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
            settings.secretAccessKey())));
    return new S3Chunks(b.build(), settings.bucket(), vertx.createSharedWorkerExecutor("s3-chunks", threads));
  }

  static String prefix(String jobId) {
    return "jobs/" + jobId + "/";
  }

  @Override
  public Future<Stored> store(String jobId, String kind, int seq, Buffer bytes) {
    String key = prefix(jobId) + kind + "/" + seq + "-" + UUID.randomUUID();
    return blocking("put " + key, () -> {
      s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) bytes.length()), RequestBody.fromBytes(bytes.getBytes()));
      return new Stored(null, key);
    });
  }

  @Override
  public Future<Buffer> load(Buffer content, String objectKey) {
    if (objectKey == null) {
      // A chunk stored in PostgreSQL before STORAGE=s3 was set is still read from its row.
      return Future.succeededFuture(content);
    }
    return blocking("get " + objectKey,
        () -> Buffer.buffer(s3.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey)).asByteArray()));
  }

  @Override
  public void discard(List<String> objectKeys) {
    if (objectKeys == null || objectKeys.isEmpty()) {
      return;
    }
    blocking("delete", () -> {
      for (String key : objectKeys) {
        if (key != null) {
          s3.deleteObject(r -> r.bucket(bucket).key(key));
        }
      }
      return null;
    }).onFailure(e -> LOG.warn("objects left in the bucket: {}: {}", objectKeys, e.getMessage()));
  }

  @Override
  public void discardJob(String jobId) {
    deleteJob(jobId).onFailure(e -> LOG.warn("objects of job {} left in the bucket: {}", jobId, e.getMessage()));
  }

  /** Every object under the job's prefix, one request each (DeleteObjects needs Content-MD5 some stores lack). */
  Future<Void> deleteJob(String jobId) {
    return blocking("delete " + prefix(jobId), () -> {
      for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix(jobId))).contents()) {
        s3.deleteObject(r -> r.bucket(bucket).key(o.key()));
      }
      return null;
    });
  }

  @Override
  public Future<Void> ping() {
    return blocking("head bucket " + bucket, () -> {
      s3.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(PING_TIMEOUT)));
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    return workers.close().eventually(() -> {
      s3.close();
      return Future.succeededFuture();
    });
  }

  private <T> Future<T> blocking(String what, Callable<T> call) {
    return workers.executeBlocking(() -> {
      try {
        return call.call();
      } catch (SdkException e) {
        throw new Unavailable(what, e);
      }
    }, false);
  }
}
