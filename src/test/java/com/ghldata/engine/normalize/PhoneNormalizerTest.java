package com.ghldata.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {
  private final PhoneNormalizer brazil = new PhoneNormalizer("BR", true);
  private final PhoneNormalizer brazilWithoutNinthDigitFix = new PhoneNormalizer("BR", false);

  /**
   * Real-world phone cells. Region blank = the job's default (BR). Expected: the E.164 numbers in
   * order (space-separated, blank for none) and how many pieces could not be made valid.
   */
  @ParameterizedTest(name = "[{index}] {0} ({1}) -> {2} / invalid {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # input                                             | region | expected E.164                     | invalid
          # --- the Brazilian shapes: São Paulo mobile written every way people write it
          '(11) 98765-4321'                                   | BR     | +5511987654321                     | 0
          '+55 11 98123-4567 ::: +55 11 3456-7890'            | BR     | +5511981234567 +551134567890       | 0
          '11987654321'                                       | BR     | +5511987654321                     | 0
          '+55 11 98765-4321'                                 |        | +5511987654321                     | 0
          '055 11 9 8765 4321'                                |        | +5511987654321                     | 0
          '55 11 98765 4321'                                  |        | +5511987654321                     | 0
          '5511987654321'                                     |        | +5511987654321                     | 0
          '5511987654321.0'                                   |        | +5511987654321                     | 0
          '+55 (11) 9 8765-4321'                              |        | +5511987654321                     | 0
          '11.98765.4321'                                     |        | +5511987654321                     | 0
          'tel:+55-11-98765-4321'                             |        | +5511987654321                     | 0
          '(011) 98765-4321'                                  |        | +5511987654321                     | 0
          '0 21 11 98765-4321'                                |        | +5511987654321                     | 0
          'Cel: (11) 98765-4321 (WhatsApp)'                   |        | +5511987654321                     | 0
          '\u202A+55 11 98765-4321\u202C'                     |        | +5511987654321                     | 0
          # --- capitals and interior, landlines and mobiles
          '(21) 2345-6789'                                    | BR     | +552123456789                      | 0
          '(21) 99876-5432'                                   | BR     | +5521998765432                     | 0
          '(31) 3456-7890'                                    | BR     | +553134567890                      | 0
          '(61) 3322-1100'                                    | BR     | +556133221100                      | 0
          '(71) 98123-4567'                                   | BR     | +5571981234567                     | 0
          '(85) 3456-7890'                                    | BR     | +558534567890                      | 0
          '(92) 98111-2222'                                   | BR     | +5592981112222                     | 0
          '(51) 3333-4444'                                    | BR     | +555133334444                      | 0
          '4133334444'                                        | BR     | +554133334444                      | 0
          '(19) 3234-5678'                                    | BR     | +551932345678                      | 0
          '(16) 99123-4567'                                   | BR     | +5516991234567                     | 0
          '(54) 3221-1234'                                    | BR     | +555432211234                      | 0
          '553432105678'                                      | BR     | +553432105678                      | 0
          '(55) 3222-1234'                                    | BR     | +555532221234                      | 0
          '55 55 99123-4567'                                  | BR     | +5555991234567                     | 0
          # --- legacy mobiles with 8 digits after the area code get their 9
          '(11) 8765-4321'                                    | BR     | +5511987654321                     | 0
          '+55 11 8765-4321'                                  | BR     | +5511987654321                     | 0
          '55 11 8765 4321'                                   | BR     | +5511987654321                     | 0
          '(47) 9912-3456'                                    | BR     | +5547999123456                     | 0
          # --- other countries; an explicit +CC wins over the region
          '(415) 555-2671'                                    | US     | +14155552671                       | 0
          '+1 415-555-2671'                                   | BR     | +14155552671                       | 0
          '+351 912 345 678'                                  | BR     | +351912345678                      | 0
          '912 345 678'                                       | PT     | +351912345678                      | 0
          '+54 9 11 2345-6789'                                | BR     | +5491123456789                     | 0
          '+44 20 7946 0958'                                  | BR     | +442079460958                      | 0
          '+55 11 98765-4321'                                 | US     | +5511987654321                     | 0
          '0055 11 98765-4321'                                | BR     | +5511987654321                     | 0
          '00351 912 345 678'                                 | BR     | +351912345678                      | 0
          # --- garbage never throws, it counts
          'abc'                                               | BR     |                                    | 1
          '123'                                               | BR     |                                    | 1
          '0000000000'                                        | BR     |                                    | 1
          '11111111111'                                       | BR     |                                    | 1
          '123456789012345678901234567890'                    | BR     |                                    | 1
          'joao.silva@gmail.com'                              | BR     |                                    | 1
          '5.51199E+12'                                       | BR     |                                    | 1
          '(10) 98765-4321'                                   | BR     |                                    | 1
          '(20) 3456-7890'                                    | BR     |                                    | 1
          '98765-4321'                                        | BR     |                                    | 1
          # --- several phones in one cell
          '11 98765-4321 / 11 3456-7890'                      | BR     | +5511987654321 +551134567890       | 0
          '(21) 2345-6789; (21) 99876-5432'                   | BR     | +552123456789 +5521998765432       | 0
          '11 98765-4321, 11 3456-7890'                       | BR     | +5511987654321 +551134567890       | 0
          '11 98765-4321 | 11 3456-7890'                      | BR     | +5511987654321 +551134567890       | 0
          '(11) 98765-4321 ou (11) 3456-7890'                 | BR     | +5511987654321 +551134567890       | 0
          '(11) 98765-4321 or (11) 3456-7890'                 | BR     | +5511987654321 +551134567890       | 0
          '(11) 98765-4321 e (11) 3456-7890'                  | BR     | +5511987654321 +551134567890       | 0
          '11 3456-7890 / 11 98765-4321'                      | BR     | +551134567890 +5511987654321       | 0
          '11 98765-4321 / abc / 123'                         | BR     | +5511987654321                     | 2
          '11 98765-4321 / (11) 98765-4321 / +5511987654321'  | BR     | +5511987654321                     | 0
          '11 98765-4321 /  / '                               | BR     | +5511987654321                     | 0
          # --- a second number written without the area code the first one gave borrows it
          '(11) 98765-4321 / 98765-4322'                      | BR     | +5511987654321 +5511987654322      | 0
          '(21) 3456-7890 / 3456-7891'                        | BR     | +552134567890 +552134567891        | 0
          '(11) 98765-4321 / 98765 4322'                      | BR     | +5511987654321 +5511987654322      | 0
          '(11) 98765-4321 ou 8765-4322'                      | BR     | +5511987654321 +5511987654322      | 0
          '(11) 98765-4321 / 1234-5678'                       | BR     | +5511987654321                     | 1
          '(11) 98765-4321 / 98-765-4322'                     | BR     | +5511987654321                     | 1
          '(11) 98765-4321 / 12345'                           | BR     | +5511987654321                     | 1
          '98765-4322 / (11) 98765-4321'                      | BR     | +5511987654321                     | 1
          '+1 415 555 2671 / 98765-4322'                      | BR     | +14155552671                       | 1
          '(11) 98765-4321 / (21) 98765-4322 / 3456-7890'     | BR     | +5511987654321 +5521987654322 +552134567890 | 0
          # --- extensions are dropped
          '(11) 3456-7890 ramal 123'                          | BR     | +551134567890                      | 0
          '(11) 3456-7890 r. 12'                              | BR     | +551134567890                      | 0
          '(11) 3456-7890 ext 12'                             | BR     | +551134567890                      | 0
          '(11) 3456-7890 ext. 12'                            | BR     | +551134567890                      | 0
          '(11) 3456-7890 x12'                                | BR     | +551134567890                      | 0
          '(11) 3456-7890 #12'                                | BR     | +551134567890                      | 0
          '(415) 555-2671 x 205'                              | US     | +14155552671                       | 0
          """)
  void normalizesRealWorldCells(String input, String region, String expected, int invalid) {
    PhoneCell cell = brazil.normalize(input, region);

    List<String> expectedNumbers = expected == null ? List.of() : Arrays.asList(expected.split(" +"));
    assertThat(cell.valid()).extracting(Phone::e164).containsExactlyElementsOf(expectedNumbers);
    assertThat(cell.invalid()).isEqualTo(invalid);
  }

  @ParameterizedTest(name = "{0} is a {1} number")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          +55 11 98765-4321   | BR
          (415) 555-2671      | US
          +1 416 555 0199     | CA
          +351 912 345 678    | PT
          +54 9 11 2345-6789  | AR
          """)
  void reportsTheRegionTheNumberBelongsTo(String input, String expectedRegion) {
    PhoneCell cell = brazil.normalize(input, "US");

    assertThat(cell.valid()).singleElement().extracting(Phone::region).isEqualTo(expectedRegion);
  }

  @ParameterizedTest
  @ValueSource(strings = {"(11) 8765-4321", "+55 11 8765-4321", "55 11 8765 4321", "1187654321"})
  void legacyEightDigitMobileGetsItsNinthDigit(String input) {
    PhoneCell cell = brazil.normalize(input, null);

    assertThat(cell.valid())
        .containsExactly(new Phone("+5511987654321", "BR", true));
    assertThat(cell.invalid()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(11) 8765-4321", "+55 11 8765-4321", "55 11 8765 4321", "1187654321"})
  void legacyEightDigitMobileIsRejectedWhenTheFixIsOff(String input) {
    PhoneCell cell = brazilWithoutNinthDigitFix.normalize(input, null);

    assertThat(cell.valid()).isEmpty();
    assertThat(cell.invalid()).isEqualTo(1);
  }

  @Test
  void numbersThatAreAlreadyValidAreNotMarkedAsFixed() {
    assertThat(brazil.normalize("(11) 3456-7890 / (11) 98765-4321", null).valid())
        .containsExactly(
            new Phone("+551134567890", "BR", false), new Phone("+5511987654321", "BR", false));
  }

  @Test
  void eightDigitNumberThatCannotBeAMobileStaysInvalid() {
    // 1xxx-xxxx is neither a landline (2-5) nor an old mobile (6-9): adding a 9 would invent one.
    assertThat(brazil.normalize("(11) 1234-5678", null)).isEqualTo(new PhoneCell(List.of(), 1));
  }

  @Test
  void aCellOfThousandsOfNumbersKeepsEachOnceInOrder() {
    // A 32 KiB cell of phones: past a few numbers the repeats are found by a set, not a scan.
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < 2_500; i++) {
      cell.append("11 9").append(String.format("%08d", 10_000_000 + i % 2_000)).append(i % 3 == 0 ? " / " : ",");
    }
    var valid = brazil.normalize(cell.toString(), null).valid();

    assertThat(valid).hasSize(2_000).doesNotHaveDuplicates();
    assertThat(valid.get(0).e164()).isEqualTo("+5511910000000");
    assertThat(valid.get(9).e164()).as("the first past the scanned ones").isEqualTo("+5511910000009");
    assertThat(valid.get(1_999).e164()).isEqualTo("+5511910001999");
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 8, 9, 10, 17})
  void repeatsAreDroppedWhateverTheCountBeforeThem(int distinct) {
    StringBuilder cell = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < distinct; i++) {
        cell.append("(21) 9").append(8000_0000 + i).append(" / ");
      }
    }
    assertThat(brazil.normalize(cell.toString(), null).valid()).extracting(Phone::e164)
        .hasSize(distinct).doesNotHaveDuplicates().startsWith("+5521980000000", "+5521980000001");
  }

  @Test
  void legacyMobileWrittenTwiceIsKeptOnce() {
    PhoneCell cell = brazil.normalize("(11) 8765-4321 / 11 98765-4321", null);

    assertThat(cell.valid()).containsExactly(new Phone("+5511987654321", "BR", true));
    assertThat(cell.invalid()).isZero();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t", " \n "})
  void blankCellIsEmpty(String input) {
    assertThat(brazil.normalize(input, null)).isSameAs(PhoneCell.EMPTY);
  }

  @Test
  void phonesOnSeparateLinesAreSplit() {
    PhoneCell cell = brazil.normalize("(11) 98765-4321\n(11) 3456-7890\r\n+351 912 345 678", null);

    assertThat(cell.valid())
        .extracting(Phone::e164)
        .containsExactly("+5511987654321", "+551134567890", "+351912345678");
  }

  @Test
  void regionIsCaseInsensitiveAndUnknownRegionsMeanTheDefault() {
    assertThat(brazil.normalize("912 345 678", "pt").valid())
        .extracting(Phone::e164)
        .containsExactly("+351912345678");
    assertThat(brazil.normalize("(11) 98765-4321", "XX").valid())
        .extracting(Phone::e164)
        .containsExactly("+5511987654321");
    assertThat(brazil.normalize("(11) 98765-4321", "").valid())
        .extracting(Phone::e164)
        .containsExactly("+5511987654321");
  }

  @Test
  void defaultRegionMustBeKnown() {
    assertThatThrownBy(() -> new PhoneNormalizer("Brasil", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Brasil");
  }

  @Test
  void anotherDefaultRegionReadsNationalNumbersForThatCountry() {
    PhoneNormalizer unitedStates = new PhoneNormalizer("US", true);

    assertThat(unitedStates.normalize("(415) 555-2671 / (11) 98765-4321", null))
        .isEqualTo(new PhoneCell(List.of(new Phone("+14155552671", "US", false)), 1));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void veryLongCellsDoNotThrow() {
    String digits = "9".repeat(10_000);
    String letters = "a".repeat(10_000);
    String slashes = "1/".repeat(5_000);
    String manyPhones = "(11) 98765-4321 / ".repeat(550);
    String manyDistinct = distinctMobiles(600);

    assertThat(brazil.normalize(digits, null)).isEqualTo(new PhoneCell(List.of(), 1));
    assertThat(brazil.normalize(letters, null)).isEqualTo(new PhoneCell(List.of(), 1));
    assertThat(brazil.normalize(slashes, null)).isEqualTo(new PhoneCell(List.of(), 5_000));
    assertThat(brazil.normalize(manyPhones, null).valid()).hasSize(1);
    assertThat(brazil.normalize(manyDistinct, null).valid()).hasSize(600);
  }

  @Test
  void sharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      inputs.add("(" + (11 + i % 89) + ") 9" + (8000_0000 + i * 7919) + " / +351 912 " + i);
    }
    List<PhoneCell> expected = inputs.stream().map(s -> brazil.normalize(s, null)).toList();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<PhoneCell>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> inputs.stream().map(s -> brazil.normalize(s, null)).toList()));
      }
      for (Future<List<PhoneCell>> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String distinctMobiles(int count) {
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < count; i++) {
      cell.append("(11) 9").append(8000_0000 + i).append(" / ");
    }
    return cell.toString();
  }
}
