package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MAX_UPLOAD_MB=1: a bigger upload is refused with 413 and the node keeps serving. */
@Tag("services")
class UploadLimitTest {
  private static final int MB = 1024 * 1024;

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("MAX_UPLOAD_MB", "1"));

  @Test
  void anUploadOverTheLimitIsPayloadTooLargeAndTheNodeKeepsServing() throws Exception {
    RawResponse r = rawUpload(contactsCsv(2 * MB));

    assertThat(r.status).as("server answer to a 2 MB upload: %s", r.head).isEqualTo(413);
    assertThat(r.header("content-type")).startsWith("application/problem+json");
    JsonObject p = new JsonObject(r.body);
    assertThat(p.getInteger("status")).isEqualTo(413);
    assertThat(p.getString("code")).isEqualTo("payload_too_large");
    assertThat(p.getString("detail")).as("the limit and how to raise it")
        .contains("1 MB", "MAX_UPLOAD_MB");
    assertThat(p.getString("variant")).isEqualTo("upload");
    assertThat(p.getLong("limit")).isEqualTo(1024 * 1024);

    assertThat(node.api().get("/health/live").statusCode()).isEqualTo(200);
    assertThat(json(node.api().get("/jobs")).getLong("total")).as("nothing stored for the refused upload").isZero();
    JsonObject small = node.api().accepted("small.csv", JobApiTest.golden("generic-pt.csv"));
    assertThat(node.api().awaitStatus(small.getString("id"), "done", Duration.ofSeconds(20)).getString("status"))
        .isEqualTo("done");
  }

  @Test
  void anUploadJustUnderTheLimitIsAccepted() throws Exception {
    byte[] csv = contactsCsv(MB - 4096);

    JsonObject job = node.api().accepted("almost-1mb.csv", csv);

    assertThat(job.getLong("size_bytes")).isEqualTo(csv.length);
    JsonObject done = node.api().awaitStatus(job.getString("id"), "done", Duration.ofSeconds(30));
    assertThat(done.getJsonObject("summary").getLong("total_rows")).isPositive();
  }

  /** A valid contact CSV of about {@code bytes} bytes. */
  private static byte[] contactsCsv(int bytes) {
    StringBuilder sb = new StringBuilder(bytes + 100).append("Nome,E-mail,Telefone\n");
    for (int i = 0; sb.length() < bytes - 80; i++) {
      sb.append("Pessoa ").append(i).append(",pessoa").append(i).append("@example.com,+55 11 9")
          .append(String.format(Locale.ROOT, "%08d", i)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * POST /jobs over a plain socket. The server may answer 413 and close while the body is still
   * being sent, so the answer is read on another thread from the start and a write that fails
   * because the server stopped reading is expected, not an error.
   */
  private static RawResponse rawUpload(byte[] content) throws Exception {
    String boundary = "----ghl-limit-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = (long) head.length + content.length + tail.length;
    try (Socket socket = new Socket("127.0.0.1", node.app().httpPort())) {
      socket.setSoTimeout(15_000);
      InputStream in = socket.getInputStream();
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readResponse(in));
      OutputStream out = socket.getOutputStream();
      try {
        out.write(("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + node.api().token()
            + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
            + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(head);
        for (int off = 0; off < content.length; off += 64 * 1024) {
          out.write(content, off, Math.min(64 * 1024, content.length - off));
        }
        out.write(tail);
        out.flush();
      } catch (IOException stoppedReading) {
        // Expected when the server answers early and closes the connection.
      }
      return RawResponse.parse(answer.get(20, TimeUnit.SECONDS));
    }
  }

  /** Reads until the response is complete (Content-Length), the connection ends, or it is reset. */
  static byte[] readResponse(InputStream in) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        got.write(buf, 0, n);
        if (RawResponse.complete(got.toByteArray())) {
          break;
        }
      }
    } catch (IOException resetAfterAnswer) {
      // What was read before the reset is the answer.
    }
    return got.toByteArray();
  }

  record RawResponse(int status, String head, String body) {
    static boolean complete(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = s.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      String len = headerOf(s.substring(0, end), "content-length");
      return len != null && bytes.length >= end + 4 + Integer.parseInt(len.trim());
    }

    static RawResponse parse(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.UTF_8);
      int end = s.indexOf("\r\n\r\n");
      assertThat(end).as("a complete response head, got: %s", s).isPositive();
      String head = s.substring(0, end);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new RawResponse(status, head, s.substring(end + 4));
    }

    String header(String name) {
      return headerOf(head, name);
    }

    private static String headerOf(String head, String name) {
      return Arrays.stream(head.split("\r\n")).skip(1)
          .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
          .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }
  }
}
