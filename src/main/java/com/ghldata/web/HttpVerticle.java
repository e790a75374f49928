package com.ghldata.web;

import com.ghldata.accounts.JwtKeys;
import com.ghldata.accounts.Tokens;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.ClusterView;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.config.AppConfig;
import com.ghldata.config.Security;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP front: the router generated from openapi.yaml, the web UI, Swagger UI, health. Talks to
 * the rest of the system only over the event bus.
 */
public final class HttpVerticle extends VerticleBase {
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

  /** Bodies of everything but an upload are small JSON documents. */
  static final long SMALL_BODY_BYTES = 64 * 1024;
  /**
   * How long an upload may take to reach the disk once its request has ended (milliseconds on any
   * disk). Vert.x never ends a file part whose closing boundary is missing (eclipse-vertx/vert.x#3134)
   * and the body handler would wait for it forever: past this, the upload is refused as malformed.
   */
  static final long UPLOAD_SETTLE_MS = 2_000;
  private static final String UPLOAD_READ = "ghl.upload.read";
  /**
   * What the multipart decoder may buffer while it reads a part's headers. Vert.x's 1 KiB default
   * refuses real file names: 255 characters sent as filename*=UTF-8''… take up to 2.3 KiB.
   */
  static final int MULTIPART_HEADER_BYTES = 16 * 1024;
  static final int IDLE_TIMEOUT_S = 120;

  private final AppConfig config;
  private final String redisUrl;
  private final JwtKeys keys;
  private final SecurityHeaders securityHeaders;
  private final ClusterView cluster;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;
  private Redis redis;
  private RateLimiter limiter;
  private JobEventStreams streams;
  private JobRoutes jobs;
  private ResetMailer resetMailer;

  public HttpVerticle(AppConfig config, String redisUrl, JwtKeys keys, ClusterView cluster,
      PrometheusMeterRegistry registry) {
    this.config = config;
    this.redisUrl = redisUrl;
    this.keys = keys;
    this.cluster = cluster;
    this.registry = registry;
    this.securityHeaders = new SecurityHeaders(config.security().tls(), config.security().trustProxy());
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolWaiting(64));
    limiter = new RateLimiter(redis, registry);
    streams = new JobEventStreams(vertx);
    return streams.start()
        .compose(v -> RouterContract.load(vertx))
        .map(this::router)
        .compose(router -> vertx.createHttpServer(serverOptions())
            .invalidRequestHandler(this::invalidRequest)
            .requestHandler(router)
            .listen())
        .onSuccess(s -> server = s);
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost()).setPort(config.httpPort()).setCompressionSupported(true)
        .setMaxFormBufferedBytes(MULTIPART_HEADER_BYTES)
        // A client that stalls mid-request (or a dead connection) is dropped; event streams send
        // a keep-alive well within this.
        .setIdleTimeout(IDLE_TIMEOUT_S);
    Security security = config.security();
    if (security.tls()) {
      options.setSsl(true).setUseAlpn(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(security.tlsCert()).setKeyPath(security.tlsKey()));
    }
    return options;
  }

  /** The port actually bound (HTTP_PORT=0 picks a free one, as tests do). */
  public int port() {
    return server.actualPort();
  }

  private Router router(OpenAPIContract contract) {
    Security security = config.security();
    Tokens tokens = new Tokens(vertx, keys, security.jwtTtlMinutes());
    Limits limits = new Limits(limiter, security);
    Revocations revocations = new Revocations(redis);
    AuthRoutes auth = new AuthRoutes(vertx.eventBus(), tokens, revocations);

    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(securityHeaders);
    builder.rootHandler(new CrossOrigin(security.corsOrigins()));
    BodyHandler small = BodyHandler.create(false).setBodyLimit(SMALL_BODY_BYTES);
    // An upload's body is read only once its sender is signed in and within its limit (below).
    builder.rootHandler(rc -> {
      if (isUpload(rc)) {
        rc.next();
      } else {
        small.handle(rc);
      }
    });
    // The contract's security schemes: a bearer token or the session cookie, both JWTs.
    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(tokens.auth()));
    builder.security("cookieAuth").apiKeyHandler(APIKeyHandler.create(tokens.auth()));
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (!route.getOperation().getSecurityRequirements().isEmpty()) {
        boolean uploads = Set.of("createJob", "inspectUpload", "retryJob").contains(route.getOperation().getOperationId());
        route.addHandler(revocations.check());
        route.addHandler(uploads ? limits.uploadsPerUser() : limits.readsPerUser());
        route.addHandler(auth.slidingSession());
      }
    }
    BodyHandler upload = BodyHandler.create(config.dataDir().resolve("uploads").toString())
        // The multipart envelope adds a little to the file itself.
        .setBodyLimit(config.maxUploadBytes() + 64 * 1024)
        .setDeleteUploadedFilesOnEnd(true);
    // Wrapped: vertx-web wants body handlers before authentication, and here it must come after.
    for (String uploadRoute : List.of("createJob", "inspectUpload")) {
      builder.getRoute(uploadRoute)
          .addHandler(rc -> readUpload(rc, upload))
          .addHandler(rc -> {
            rc.put(UPLOAD_READ, true);
            rc.next();
          });
    }
    auth.mount(builder, limits.perClient());
    resetMailer = new ResetMailer(vertx, config.passwordReset(),
        config.development() && config.logFormat() == AppConfig.LogFormat.TEXT);
    new PasswordResetRoutes(vertx.eventBus(), resetMailer, revocations, tokens, config.passwordReset().publicUrl(),
        security.tls(), security.trustProxy()).mount(builder, limits.perClient());
    jobs = new JobRoutes(vertx, streams);
    jobs.mount(builder);
    // What a client checks before sending a file: the same limit the upload route enforces.
    builder.getRoute("getConfig").addHandler(rc -> rc.json(new JsonObject()
        .put("max_upload_bytes", config.maxUploadBytes()).put("max_upload_mb", config.maxUploadMb())));
    builder.getRoute("liveness").addHandler(rc -> rc.json(new JsonObject().put("status", "UP")));
    HealthChecks readiness = Readiness.checks(vertx, true, config.storage().s3(), redis, cluster, config.operations().queueStallSeconds());
    builder.getRoute("readiness").addHandler(Readiness.handler(readiness));
    Readiness.export(vertx, readiness, registry, Readiness.EXPORT_EVERY_MS);
    builder.getRoute("metrics").addHandler(MetricsRoute.handler(vertx, registry, config.operations().metricsToken()));
    builder.getRoute("debugDb").addHandler(this::debugDb);

    Router router = builder.createRouter();
    router.get("/openapi.yaml").handler(rc -> rc.response().putHeader("Content-Type", "application/yaml")
        .sendFile("openapi.yaml"));
    router.get("/docs").handler(rc -> {
      // A route for /docs also matches /docs/: redirect only the bare path.
      if (rc.request().path().equals("/docs")) {
        rc.redirect("/docs/");
      } else {
        rc.next();
      }
    });
    // Swagger UI's own page, titled for the product with a way back to the app; its assets from the webjar.
    router.getWithRegex("/docs/(index\\.html)?").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").sendFile("swagger/index.html"));
    router.get("/docs/docs.css").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/css; charset=utf-8").sendFile("swagger/docs.css"));
    router.get("/docs/swagger-initializer.js").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/javascript").sendFile("swagger/swagger-initializer.js"));
    router.route("/docs/*").handler(StaticHandler.create(SWAGGER_UI));
    router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.route().failureHandler(Problems::handle);
    router.errorHandler(404, rc -> Problems.send(rc, Failure.with(ErrorCode.NOT_FOUND, "route", Map.of())));
    router.errorHandler(405, rc -> Problems.send(rc, Failure.of(ErrorCode.METHOD_NOT_ALLOWED, null)));
    router.errorHandler(500, Problems::handle);
    return router;
  }

  /** Reads the upload's body, and refuses it once its request has ended with a file part still open. */
  private void readUpload(RoutingContext rc, BodyHandler upload) {
    rc.put(Problems.UPLOAD_LIMIT_BYTES, config.maxUploadBytes());
    HttpServerRequest request = rc.request();
    if (!request.isEnded()) {
      request.end().onSuccess(v -> vertx.setTimer(UPLOAD_SETTLE_MS, t -> {
        if (rc.get(UPLOAD_READ) == null && !rc.failed() && !rc.response().ended()) {
          // Answer first: cancelling the upload then fails its pipe, a second failure nobody sees.
          rc.fail(Failure.with(ErrorCode.BAD_REQUEST, "upload_cut_short", Map.of()).exception());
          rc.cancelAndCleanupFileUploads();
        }
      }));
    }
    upload.handle(rc);
  }

  /**
   * Requests the HTTP codec refused before any route (a request line over 4 KiB, headers over
   * 8 KiB, garbage): the same problem+json and security headers as everything else, then the
   * connection is closed, as Vert.x's default handler does.
   */
  private void invalidRequest(HttpServerRequest request) {
    securityHeaders.apply(request);
    Throwable cause = request.decoderResult().cause();
    Failure f = cause instanceof TooLongHttpLineException ? Failure.of(ErrorCode.URI_TOO_LONG, null)
        : cause instanceof TooLongHttpHeaderException ? Failure.of(ErrorCode.HEADERS_TOO_LARGE, null)
        : Failure.with(ErrorCode.BAD_REQUEST, "not_http", Map.of());
    Problems.send(request, f);
    request.connection().close();
  }

  private static boolean isUpload(RoutingContext rc) {
    return rc.request().method() == HttpMethod.POST
        && ("/jobs".equals(rc.normalizedPath()) || "/jobs/inspect".equals(rc.normalizedPath()));
  }

  /** Development diagnostics about the signed-in user's own jobs (the contract requires a session). */
  private void debugDb(RoutingContext rc) {
    if (!config.security().debugEndpoints()) {
      rc.fail(404);
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.JOBS_DEBUG, new JsonObject().put("user_id", Users.id(rc)))
        .onSuccess(m -> rc.json(m.body()))
        .onFailure(rc::fail);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> streams.stop()).compose(v -> jobs == null ? Future.succeededFuture() : jobs.close())
        .compose(v -> resetMailer == null ? Future.succeededFuture() : resetMailer.close())
        .eventually(() -> {
      redis.close();
      return Future.succeededFuture();
    });
  }
}
