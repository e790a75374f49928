package com.ghldata.accounts;

/** The app's own password hash, for tests that write an account straight into a database. */
public final class TestHashes {
  private TestHashes() {}

  public static String hash(String password) {
    return PasswordHasher.hash(password);
  }
}
