package com.ghldata.engine;

import static com.ghldata.engine.Conversions.convert;
import static com.ghldata.engine.Conversions.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The issues file: every cell the conversion left out or cut, in row order, with its original value. */
class CellIssuesTest {
  private static final String HEADER = "row,column,value,action,reason,suggestion";

  @Test
  void spreadsheetErrorValuesAreReadAsEmptyAndListed() throws Exception {
    Conversions.Outcome o = convert("Nome,Email,Telefone,Cidade\n#N/A,maria@example.com,#VALUE!,#REF!\n"
        + "João,#DIV/0!,(11) 98765-4321, Campinas \n", options());

    // An empty first field is quoted, as Commons CSV does.
    assertThat(o.lines()[1]).startsWith("\"\",,maria@example.com,,").doesNotContain("#");
    assertThat(o.lines()[2]).startsWith("João,,,+5511987654321");
    assertThat(o.issues().split("\r\n")).containsExactly(HEADER,
        "2,Nome,\"#N/A\",removed,excel_error,", "2,Telefone,\"#VALUE!\",removed,excel_error,",
        "2,Cidade,\"#REF!\",removed,excel_error,", "3,Email,\"#DIV/0!\",removed,excel_error,");
    assertThat(o.report().asMap().get("cell_issues")).isEqualTo(java.util.Map.of("excel_error", 4L));
  }

  @Test
  void aRejectedRowKeepsItsErrorValuesInTheRejectsFile() throws Exception {
    Conversions.Outcome o = convert("Nome,Email\n#N/A,#NAME?\nAna,ana@example.com\n", options());

    assertThat(o.rejects()).contains("2,\"#N/A\",\"#NAME?\",missing_name_email_phone");
  }

  @Test
  void anErrorValueInAColumnThatFeedsNothingIsNotAnIssue() throws Exception {
    Conversions.Outcome o = convert("Nome,Código interno\nAna,#N/A\n", options());

    assertThat(o.issues()).isEqualTo(HEADER + "\r\n");
  }

  @Test
  void badEmailsPhonesDatesAndZonesAreListedWithWhatTheyWere() throws Exception {
    Conversions.Outcome o = convert("Nome,Email,Telefone,Nascimento,Fuso\n"
        + "Ana,ana@,123,31/02/1990,Marte/Olympus\n"
        + "Bia,bia@gmail.con,5.51199E+12,,\n", options());

    assertThat(o.issues().split("\r\n")).containsExactly(HEADER,
        "2,Email,ana@,removed,invalid_email,", "2,Telefone,123,removed,invalid_phone,",
        "2,Nascimento,31/02/1990,removed,invalid_date,", "2,Fuso,Marte/Olympus,removed,invalid_timezone,",
        "3,Email,bia@gmail.con,removed,email_domain_typo,bia@gmail.com",
        "3,Telefone,5.51199E+12,removed,phone_scientific_notation,");
    // The rows stay, without the bad cells; a typo'd address counts as an invalid email.
    assertThat(o.lines()).hasSize(3);
    assertThat(o.report().asMap().get("invalid_emails")).isEqualTo(2L);
  }

  @Test
  void aCellWithAGoodAndATypoedAddressKeepsTheGoodOne() throws Exception {
    Conversions.Outcome o = convert("Nome,Email\nAna,ana@hotmal.com; ana@empresa.com.br\n", options());

    assertThat(o.lines()[1]).contains(",ana@empresa.com.br,");
    assertThat(o.issues()).contains("2,Email,ana@hotmal.com; ana@empresa.com.br,removed,email_domain_typo,ana@hotmail.com");
  }

  @Test
  void notesCutToGhlsLimitAreListedWithTheirFirstCharacters() throws Exception {
    String note = "n".repeat(RowNormalizer.MAX_NOTES + 10);
    Conversions.Outcome o = convert("Nome,Observações\nAna," + note + "\n", options());

    List<String> lines = List.of(o.issues().split("\r\n"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("2,Observações," + "n".repeat(CellIssue.MAX_VALUE_CHARS) + "…,cut,notes_too_long,");
  }

  @Test
  void batchesNormalizedInParallelWriteTheIssuesInRowOrder() throws Exception {
    StringBuilder sb = new StringBuilder("Nome,Telefone\n");
    for (int i = 0; i < 5_000; i++) {
      sb.append("Pessoa ").append(i).append(',').append(i % 3 == 0 ? "12" + i : "(11) 9" + (8000_0000 + i)).append('\n');
    }
    String one = convert(sb.toString(), options()).issues();
    String four = convert(sb.toString(), options().withThreads(4), () -> () -> false).issues();

    assertThat(four).isEqualTo(one);
    assertThat(one.split("\r\n")).hasSize(1 + 1_667);
  }
}
