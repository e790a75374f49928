package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTyposTest {
  @ParameterizedTest
  @CsvSource({
      "joao@gmail.con, joao@gmail.com",
      "joao@gmial.com, joao@gmail.com",
      "joao@gmai.com, joao@gmail.com",
      "ana@hotmal.com, ana@hotmail.com",
      "ana@hotmail.co, ana@hotmail.com",
      "ana@hotmaill.com, ana@hotmail.com",
      "rui@yahoo.com.bt, rui@yahoo.com.br",
      "rui@yaho.com.br, rui@yahoo.com.br",
      "eva@outlok.com, eva@outlook.com",
      "eva@icloud.co, eva@icloud.com",
      "lia@terra.com.bt, lia@terra.com.br"})
  void aProvidersDomainOneKeystrokeOffIsALikelyTypo(String email, String fix) {
    assertThat(EmailTypos.likelyFix(email)).isEqualTo(fix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@gmail.com", "a@mail.com", "a@email.com", "a@ymail.com", "a@bol.com.br", "a@uol.com.br",
      "a@live.com", "a@msn.com", "a@hotmail.es", "a@empresa.com.br", "a@gmx.com", "a@me.com", "a@yahoo.es",
      "a@globo.com", "a@gov.br", "a@x.co"})
  void realDomainsAreLeftAlone(String email) {
    assertThat(EmailTypos.likelyFix(email)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"abc, abd, true", "abc, acb, true", "abc, abcd, true", "abcd, abc, true", "abc, abc, false",
      "abc, cba, false", "abc, ab, true", "abc, a, false", "ab, ba, true", "abcd, badc, false"})
  void oneEditIsOneInsertionDeletionSubstitutionOrSwap(String a, String b, boolean expected) {
    assertThat(EmailTypos.oneEditApart(a, b)).isEqualTo(expected);
  }
}
