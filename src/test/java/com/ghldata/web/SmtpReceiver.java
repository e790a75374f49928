package com.ghldata.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on a loopback port, for tests: it speaks enough of RFC 5321 (EHLO, AUTH PLAIN,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a mail client to deliver to it, and keeps every message.
 */
final class SmtpReceiver implements AutoCloseable {
  /** One delivered message: the envelope, the credentials it signed in with, the raw message. */
  record Mail(String from, List<String> to, String login, String data) {
    /** The message body, decoded from quoted-printable or base64 when its headers say so. */
    String body() {
      int split = data.indexOf("\r\n\r\n");
      String headers = split < 0 ? "" : data.substring(0, split).toLowerCase(Locale.ROOT);
      String body = split < 0 ? data : data.substring(split + 4);
      if (headers.contains("content-transfer-encoding: quoted-printable")) {
        return quotedPrintable(body);
      }
      if (headers.contains("content-transfer-encoding: base64")) {
        return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      }
      return body;
    }

    private static String quotedPrintable(String s) {
      String joined = s.replace("=\r\n", "");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < joined.length(); i++) {
        char c = joined.charAt(i);
        if (c == '=' && i + 2 < joined.length()) {
          out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.write(c);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private final ServerSocket server;
  private final List<Mail> mails = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private SmtpReceiver() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptAll, "test-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static SmtpReceiver start() {
    try {
      return new SmtpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  List<Mail> mails() {
    return List.copyOf(mails);
  }

  void clear() {
    mails.clear();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> {
          try (s) {
            converse(s);
          } catch (IOException e) {
            // a client that hung up
          }
        }, "test-smtp-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = s.getOutputStream();
    reply(out, "220 test-smtp ready");
    String from = null;
    String login = null;
    List<String> to = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" -> reply(out, "250-test-smtp\r\n250-8BITMIME\r\n250 AUTH PLAIN");
        case "HELO" -> reply(out, "250 test-smtp");
        case "AUTH" -> {
          String[] parts = line.split(" ");
          String encoded = parts.length > 2 ? parts[2] : null;
          if (encoded == null) {
            reply(out, "334 ");
            encoded = in.readLine();
          }
          String[] plain = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8).split("\0");
          login = plain.length == 3 ? plain[1] + ":" + plain[2] : "?";
          reply(out, "235 2.7.0 accepted");
        }
        case "MAIL" -> {
          from = line.substring(line.indexOf(':') + 1).trim();
          reply(out, "250 ok");
        }
        case "RCPT" -> {
          to.add(line.substring(line.indexOf(':') + 1).trim().replaceAll("^<|>$", ""));
          reply(out, "250 ok");
        }
        case "DATA" -> {
          reply(out, "354 end with <CRLF>.<CRLF>");
          StringBuilder data = new StringBuilder();
          String l;
          while ((l = in.readLine()) != null && !l.equals(".")) {
            data.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
          }
          mails.add(new Mail(from, List.copyOf(to), login, data.toString()));
          to.clear();
          reply(out, "250 ok: queued");
        }
        case "RSET", "NOOP" -> reply(out, "250 ok");
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
