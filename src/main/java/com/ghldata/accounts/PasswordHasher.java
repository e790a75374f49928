package com.ghldata.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane). CPU-bound: call from a
 * worker thread, never an event loop. Passwords are never logged or kept.
 */
final class PasswordHasher {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, 1, 32, Argon2.ID);
  /** Checked against when the email is unknown, so that a login takes as long either way. */
  private static final String DECOY = hash("decoy password that matches nothing");

  private PasswordHasher() {}

  /** The PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash), with a fresh random salt. */
  static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  static boolean check(String password, String stored) {
    if (stored == null) {
      Password.check(password, DECOY).with(ARGON2);
      return false;
    }
    return Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
  }
}
