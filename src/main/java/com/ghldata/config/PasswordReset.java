package com.ghldata.config;

import com.ghldata.config.AppConfig.Env;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * "Esqueci minha senha": how long a reset link lives, where its mail goes out (SMTP_URL, a secret:
 * it carries the password), who sends it, and the public address the link starts with. Without
 * SMTP_URL the link is written to the log outside production and never in production.
 */
public record PasswordReset(Smtp smtp, String mailFrom, String publicUrl, int minutes) {
  static final int MIN_MINUTES = 5;
  static final int MAX_MINUTES = 24 * 60;

  /** An SMTP server as smtp://user:password@host:port (STARTTLS when offered) or smtps:// (TLS). */
  public record Smtp(boolean tls, String host, int port, String user, String password) {
    static Smtp parse(String url, List<String> problems) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (Exception e) {
        problems.add("SMTP_URL is not a valid URI");
        return null;
      }
      String scheme = uri.getScheme();
      if (!("smtp".equals(scheme) || "smtps".equals(scheme)) || uri.getHost() == null) {
        problems.add("SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465");
        return null;
      }
      boolean tls = scheme.equals("smtps");
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : null;
      }
      return new Smtp(tls, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587, user, password);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL again, for {@link AppConfig#with}. */
    String url() {
      String auth = user == null ? "" : enc(user) + (password == null ? "" : ":" + enc(password)) + "@";
      return (tls ? "smtps" : "smtp") + "://" + auth + host + ":" + port;
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
      // Never print the password.
      return (tls ? "smtps" : "smtp") + "://" + (user == null ? "" : enc(user) + "@") + host + ":" + port;
    }
  }

  static PasswordReset from(Function<String, String> lookup, Env env) {
    List<String> problems = new ArrayList<>();
    String url = lookup.apply("SMTP_URL");
    Smtp smtp = url == null ? null : Smtp.parse(url, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
    String publicUrl = lookup.apply("PUBLIC_URL");
    if (publicUrl != null && publicUrl.endsWith("/")) {
      publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }
    return new PasswordReset(smtp, lookup.apply("MAIL_FROM"), publicUrl,
        Lookups.integer(lookup, "PASSWORD_RESET_MINUTES", 30));
  }

  /** Adds what is wrong to problems; production also needs PUBLIC_URL to send links at all. */
  void check(Env env, List<String> problems) {
    if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      problems.add("PASSWORD_RESET_MINUTES must be " + MIN_MINUTES + ".." + MAX_MINUTES + ", got " + minutes);
    }
    if (publicUrl != null && !isHttpUrl(publicUrl)) {
      problems.add("PUBLIC_URL must look like https://ghl.example.com, got '" + publicUrl + "'");
    }
    if (mailFrom != null && !mailFrom.contains("@")) {
      problems.add("MAIL_FROM must be an address, e.g. GHL Data <no-reply@example.com>");
    }
    // Built from the request, a link would start with whatever Host header the asker sent: a
    // stranger could have the victim mailed a link to the stranger's own site.
    if (env == Env.PRODUCTION && smtp != null && publicUrl == null) {
      problems.add("APP_ENV=production with SMTP_URL needs PUBLIC_URL (the address reset links start with)");
    }
  }

  /** Whether links go out by mail; without, they are logged (development and test only). */
  public boolean mails() {
    return smtp != null;
  }

  /** The sender: MAIL_FROM, else no-reply at the public or the SMTP host. */
  public String sender() {
    if (mailFrom != null) {
      return mailFrom;
    }
    String host = publicUrl != null ? URI.create(publicUrl).getHost() : smtp != null ? smtp.host() : "localhost";
    return "GHL Data <no-reply@" + host + ">";
  }

  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("SMTP_URL", smtp == null ? null : smtp.url());
    m.put("MAIL_FROM", mailFrom);
    m.put("PUBLIC_URL", publicUrl);
    m.put("PASSWORD_RESET_MINUTES", minutes);
    return m;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getQuery() == null && uri.getFragment() == null;
    } catch (Exception e) {
      return false;
    }
  }
}
