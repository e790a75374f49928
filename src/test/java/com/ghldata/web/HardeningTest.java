package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.Application;
import com.ghldata.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS from CORS_ORIGINS, the security headers on every kind of response, HTTPS with HSTS. */
@Tag("services")
class HardeningTest {
  static final String ALLOWED = "https://app.example.com";

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("CORS_ORIGINS", ALLOWED + ", https://admin.example.com/"));

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredWithCredentials() throws Exception {
    HttpResponse<byte[]> r = preflight(ALLOWED);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(header(r, "Access-Control-Allow-Methods")).contains("POST");
    assertThat(header(r, "Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    assertThat(preflight("https://admin.example.com").statusCode()).as("a trailing slash in the setting is fine")
        .isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example.com", "http://app.example.com", "https://app.example.com.evil.io",
      "null"})
  void aPreflightFromAnyOtherOriginIsRefused(String origin) throws Exception {
    HttpResponse<byte[]> r = preflight(origin);

    assertProblem(r, 403, "origin_not_allowed");
    assertThat(header(r, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aCrossOriginCallFromAnAllowedOriginMayReadTheAnswer() throws Exception {
    HttpResponse<byte[]> allowed = send(node.api().request("/jobs").header("Origin", ALLOWED).GET());
    HttpResponse<byte[]> other = send(node.api().request("/jobs").header("Origin", "https://evil.example.com").GET());

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(header(allowed, "Access-Control-Expose-Headers")).contains("Retry-After");
    assertProblem(other, 403, "origin_not_allowed");
  }

  @Test
  void theWebUiOwnOriginNeedsNoCorsSetting() throws Exception {
    HttpResponse<byte[]> r = send(node.api().request("/jobs").header("Origin", node.api().base()).GET());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Access-Control-Allow-Origin")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/index.html", "/app.js", "/jobs", "/nothing-here", "/health/live", "/openapi.yaml"})
  void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
    HttpResponse<byte[]> r = node.anonymous().get(path);

    assertSecurityHeaders(r);
    assertThat(header(r, "Content-Security-Policy")).doesNotContain("unsafe-inline");
    assertThat(header(r, "Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
  }

  @Test
  void swaggerUiMayStyleInlineButNeverScriptInline() throws Exception {
    HttpResponse<byte[]> r = node.anonymous().get("/docs/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertSecurityHeaders(r);
    assertThat(header(r, "Content-Security-Policy")).contains("style-src 'self' 'unsafe-inline'")
        .contains("script-src 'self';");
  }

  @Test
  void theWebUiHasNoInlineScript() throws Exception {
    String html = Api.text(node.anonymous().get("/"));

    assertThat(html).containsPattern("<script[^>]+src=");
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("onclick=")
        .doesNotContain("javascript:");
  }

  @Test
  void servesHttpsWithHstsWhenGivenACertificate() throws Exception {
    Path tls = Path.of("src/test/resources/tls");
    Application app = TestServices.start(Map.of(
        "TLS_CERT", tls.resolve("localhost-cert.pem").toString(),
        "TLS_KEY", tls.resolve("localhost-key.pem").toString()));
    try {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(tls.resolve("localhost-cert.pem")))
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<byte[]> r = https.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + app.httpPort() + "/health/live")).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(header(r, "Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
      assertSecurityHeaders(r);
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + app.httpPort() + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofByteArray())).as("no plain HTTP on the TLS port").isInstanceOf(IOException.class);
    } finally {
      app.close();
    }
  }

  @Test
  void behindATrustedTlsProxyHstsFollowsXForwardedProto() throws Exception {
    Application app = TestServices.start(Map.of("TRUST_PROXY", "true"));
    try {
      Api api = new Api(app.httpPort());
      HttpResponse<byte[]> viaHttps = send(api.request("/health/live").header("X-Forwarded-Proto", "https").GET());
      HttpResponse<byte[]> viaHttp = send(api.request("/health/live").header("X-Forwarded-Proto", "http").GET());

      assertThat(header(viaHttps, "Strict-Transport-Security")).startsWith("max-age=");
      assertThat(header(viaHttp, "Strict-Transport-Security")).isNull();
    } finally {
      app.close();
    }
    HttpResponse<byte[]> untrusted = send(node.anonymous().request("/health/live").header("X-Forwarded-Proto", "https")
        .GET());
    assertThat(header(untrusted, "Strict-Transport-Security")).as("the header means nothing without TRUST_PROXY")
        .isNull();
  }

  static void assertSecurityHeaders(HttpResponse<?> r) {
    assertThat(header(r, "Content-Security-Policy")).as("CSP of %s", r.uri())
        .contains("default-src 'self'", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'");
    assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(r, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    assertThat(header(r, "X-Frame-Options")).isEqualTo("DENY");
  }

  private static HttpResponse<byte[]> preflight(String origin) throws Exception {
    return send(node.anonymous().request("/jobs")
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return node.anonymous().client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(certificate)) {
      trust.setCertificateEntry("localhost", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
