package com.ghldata.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvOutTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
    "plain                   | plain",
    "'São Paulo, SP'         | '\"São Paulo, SP\"'",
    "'diz \"oi\"'            | '\"diz \"\"oi\"\"\"'",
    "'Rua A\nApto 2'         | '\"Rua A\nApto 2\"'",
    "'Maria\u00A0Silva'      | 'Maria\u00A0Silva'",
    "'  espaços  '           | '  espaços  '",
    "''                      | ''",
  })
  void quotesOnlyFieldsThatNeedIt(String field, String written) throws IOException {
    assertThat(write(StandardCharsets.UTF_8, ',', new String[] {field, "x"}))
        .isEqualTo((written + ",x\r\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDelimiterDecidesWhatNeedsQuotes() throws IOException {
    byte[] semicolon = write(StandardCharsets.UTF_8, ';', new String[] {"a,b", "c;d"});

    assertThat(new String(semicolon, StandardCharsets.UTF_8)).isEqualTo("a,b;\"c;d\"\r\n");
  }

  @Test
  void encodesUtf8LikeTheJdkAcrossBufferBoundaries() throws IOException {
    // 3- and 4-byte characters, a surrogate pair straddling the 32K buffer, fields longer than it
    String tricky = "ção € 😀 ";
    String filler = "x".repeat((1 << 15) - 3);
    String[] record = {filler + "😀😀", tricky.repeat(5000), "ok, \"long\" ".repeat(4000)};

    byte[] written = write(StandardCharsets.UTF_8, ',', record);

    String quoted = "\"" + record[2].replace("\"", "\"\"") + "\"";
    byte[] expected = (record[0] + "," + record[1] + "," + quoted + "\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(Arrays.mismatch(written, expected)).as("first differing byte").isEqualTo(-1);
  }

  @Test
  void otherCharsetsGoThroughTheirEncoder() throws IOException {
    Charset windows1252 = Charset.forName("windows-1252");

    assertThat(write(windows1252, ';', new String[] {"João", "€"})).containsExactly('J', 'o', 0xE3, 'o', ';', 0x80, '\r', '\n');
  }

  @Test
  void refusesCharactersTheCharsetCannotEncode() {
    assertThatThrownBy(() -> write(StandardCharsets.ISO_8859_1, ',', new String[] {"€"}))
        .isInstanceOf(CharacterCodingException.class);
    assertThatThrownBy(() -> write(StandardCharsets.UTF_8, ',', new String[] {"\uD83D"}))
        .isInstanceOf(CharacterCodingException.class);
  }

  private static byte[] write(Charset charset, char delimiter, String[] record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvOut out = new CsvOut(bytes, charset, delimiter)) {
      out.record(record);
    }
    return bytes.toByteArray();
  }
}
