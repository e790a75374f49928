package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellTextTest {
  private final CellText text = new CellText(false);

  @ParameterizedTest(name = "{0} as [{2}] → {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      // value           | format index | format                | shown
      "5511987654321     | 0            | General               | 5511987654321",
      "11987654321       | 0            | General               | 11987654321",
      "-42               | 0            | General               | -42",
      "-0.0              | 0            | General               | 0",
      "1234.5            | 0            | General               | 1234.5",
      "0.30000000000000004 | 0          | General               | 0.3",
      "0.000012345       | 0            | General               | 0.000012345",
      "1E+20             | 0            | General               | 100000000000000000000",
      "1234567890123456789 | 0          | General               | 1234567890123460000",
      "5511987654321     | 49           | @                     | 5511987654321",
      "5511987654321     | 11           | 0.00E+00              | 5511987654321",
      "5511987654321     | 1            | 0                     | 5511987654321",
      "1310100           | 164          | 00000-000             | 01310-100",
      "11987654321       | 165          | (00) 00000-0000       | (11) 98765-4321",
      "12345678909       | 166          | 000\\.000\\.000\\-00    | 123.456.789-09",
      "5511987654321     | 167          | 00 (00) 00000-0000    | 55 (11) 98765-4321",
      "123456            | 168          | 00-00                 | 1234-56",
      "42                | 169          | (##) ####             | () 42",
      "-1310100          | 170          | 00000-000             | -01310-100",
      "1234.5            | 1            | 0                     | 1235",
      "7                 | 171          | '\"Nº \"000'           | Nº 007",
      "1234.5            | 4            | '#,##0.00'            | '1,234.50'",
      "0.25              | 9            | 0%                    | 25%",
      "33238             | 14           | m/d/yy                | 1990-12-31",
      "33238             | 166          | dd/mm/yyyy            | 1990-12-31",
      "45356.6041666667  | 167          | dd/mm/yyyy hh:mm      | 2024-03-05 14:30:00",
      "0.5               | 20           | h:mm                  | 12:00:00",
      "-5                | 14           | m/d/yy                | -5",
  })
  void numbersAreShownAsTheUserSeesThemButNeverInScientificNotation(double value, int index, String format,
      String shown) {
    assertThat(text.number(value, CellText.style(index, format))).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"true, TRUE", "false, FALSE"})
  void booleansAreUpperCaseAsExcelShowsThem(boolean value, String shown) {
    assertThat(CellText.bool(value)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "1904 system {0}: day {1} is {2}")
  @CsvSource({"false, 1, 1900-01-01", "true, 1, 1904-01-02", "true, 366, 1905-01-01"})
  void theWorkbooksDateSystemIsHonoured(boolean date1904, double value, String shown) {
    assertThat(new CellText(date1904).number(value, CellText.style(14, "m/d/yy"))).isEqualTo(shown);
  }
}
