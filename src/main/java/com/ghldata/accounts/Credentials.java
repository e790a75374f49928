package com.ghldata.accounts;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** An email and a password as a client sent them, checked; the email lower-cased. */
record Credentials(String email, String password) {
  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 256;
  private static final int MAX_EMAIL = 254;
  /** The one answer to a failed sign-in, whatever was wrong. */
  static final Failure INVALID = Failure.of(ErrorCode.INVALID_CREDENTIALS, null);
  /** The WHATWG "valid e-mail address" rule, the one browsers apply to type=email. */
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
      + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  /** For a new account: a real-looking email and a password of 10 to 256 characters. */
  static Credentials forRegistration(JsonObject body) {
    Credentials c = read(body);
    if (c.email.length() > MAX_EMAIL || !EMAIL.matcher(c.email).matches()) {
      throw Failure.of(ErrorCode.INVALID_EMAIL, null).exception();
    }
    checkNewPassword(c.email, c.password);
    return c;
  }

  /** The rules of a new password, at sign-up and at a reset: 10 to 256 characters, not the email. */
  static void checkNewPassword(String email, String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      throw Failure.with(ErrorCode.WEAK_PASSWORD, Map.of("min", MIN_PASSWORD, "max", MAX_PASSWORD)).exception();
    }
    if (password.equalsIgnoreCase(email)) {
      throw Failure.with(ErrorCode.WEAK_PASSWORD, "is_email", Map.of()).exception();
    }
  }

  /** For a sign-in: anything too long to be an account is refused before hashing. */
  static Credentials forLogin(JsonObject body) {
    Credentials c = read(body);
    if (c.email.length() > MAX_EMAIL || c.password.length() > MAX_PASSWORD * 2) {
      throw INVALID.exception();
    }
    return c;
  }

  private static Credentials read(JsonObject body) {
    Object email = body.getValue("email");
    Object password = body.getValue("password");
    if (!(email instanceof String e) || !(password instanceof String p) || e.isBlank() || p.isEmpty()
        || body.size() != 2) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "credentials_body", Map.of()).exception();
    }
    return new Credentials(e.strip().toLowerCase(Locale.ROOT), p);
  }

  @Override
  public String toString() {
    return "Credentials[" + email + ", password hidden]";
  }
}
