package com.ghldata.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.engine.CellIssue;
import com.ghldata.engine.write.SpreadsheetCsv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The words of the files for people: the same keys in every language, one for every code. */
class TextsTest {
  /** The reasons a row is rejected for (RowNormalizer's). */
  private static final String[] REJECT_REASONS = {"missing_name_email_phone", "invalid_email", "invalid_phone"};

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyLanguageHasEveryKeyOfEnglish(Language l) {
    assertThat(Texts.keys(l)).containsExactlyInAnyOrderElementsOf(Texts.keys(Language.EN));
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyIssueReasonActionAndRejectReasonHasWords(Language l) {
    for (CellIssue.Reason r : CellIssue.Reason.values()) {
      assertThat(Texts.get(l, "reason." + r.code())).as("%s reason.%s", l, r.code()).isNotBlank();
      assertThat(Texts.get(l, "action." + r.action().code())).as("%s action.%s", l, r.action().code()).isNotBlank();
    }
    for (String code : REJECT_REASONS) {
      assertThat(Texts.get(l, "reason." + code)).as("%s reason.%s", l, code).isNotBlank();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "pt-BR, PT_BR", "pt, PT_BR", "'pt-PT,en;q=0.5', PT_BR", "'en-US,en;q=0.9', EN", "es-419, ES",
      "'fr-FR,es;q=0.8,en;q=0.7', ES", "'en;q=0.2,pt-BR;q=0.9', PT_BR", "'de,fr', EN", "'', EN", "'pt;q=0,es', ES"})
  void theBestLanguageOfAnAcceptLanguageHeader(String header, Language expected) {
    assertThat(Language.negotiate(header, Language.EN)).isEqualTo(expected);
  }

  @Test
  void theGhlFileForASpreadsheetOnlyGainsABomAndItsSeparator() throws Exception {
    String stored = "First Name,Notes\r\nAna,\"uma, duas\"\r\nBia,\"x;y\"\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SpreadsheetCsv.render(SpreadsheetCsv.Kind.OUTPUT, Language.PT_BR,
        new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)), out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFFFirst Name;Notes\r\nAna;uma, duas\r\nBia;\"x;y\"\r\n");
  }

  @Test
  void anIssueCellThatLooksLikeAFormulaIsNeutralisedForTheSpreadsheet() throws Exception {
    String stored = "row,column,value,action,reason,suggestion\r\n2,=Col,=HYPERLINK(\"x\"),removed,invalid_phone,\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SpreadsheetCsv.render(SpreadsheetCsv.Kind.ISSUES, Language.EN,
        new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)), out);

    assertThat(out.toString(StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow())
        .startsWith("2,'=Col,\"'=HYPERLINK(\"\"x\"\")\",left out of the GHL file,invalid phone,");
  }
}
