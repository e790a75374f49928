package com.ghldata.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void hashesWithArgon2idAndAFreshSaltEachTime() {
    String a = PasswordHasher.hash("correct horse battery staple");
    String b = PasswordHasher.hash("correct horse battery staple");

    assertThat(a).startsWith("$argon2id$v=19$m=" + PasswordHasher.MEMORY_KIB + ",t=" + PasswordHasher.ITERATIONS + ",p=1$")
        .isNotEqualTo(b).doesNotContain("correct horse");
  }

  @Test
  void checksTheRightPasswordOnly() {
    String stored = PasswordHasher.hash("correct horse battery staple");

    assertThat(PasswordHasher.check("correct horse battery staple", stored)).isTrue();
    assertThat(PasswordHasher.check("correct horse battery stapler", stored)).isFalse();
    assertThat(PasswordHasher.check("Correct horse battery staple", stored)).isFalse();
  }

  @Test
  void anUnknownAccountChecksAgainstADecoyAndFails() {
    assertThat(PasswordHasher.check("decoy password that matches nothing", null)).isFalse();
    assertThat(PasswordHasher.check("anything", null)).isFalse();
  }
}
