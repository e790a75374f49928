package com.ghldata.engine;

import com.ghldata.engine.report.Preview;
import com.ghldata.engine.write.CsvSplitter;
import static com.ghldata.engine.Conversions.convert;
import static com.ghldata.engine.Conversions.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.read.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ConverterTest {
  private static final String CORE_HEADER =
      "First Name,Last Name,Email,Phone,Company Name,Address,City,State,Postal Code,Country,Tags,Source";

  @Test
  void writesTheTwelveCoreColumnsInOrderAndNothingElseWhenNoOptionalData() throws Exception {
    var out = convert("Nome,E-mail,Telefone\nMaria Silva,maria@example.com,(11) 98765-4321\n", options());

    assertThat(out.lines()).containsExactly(
        CORE_HEADER,
        "Maria,Silva,maria@example.com,+5511987654321,,,,,,,,");
  }

  @Test
  void aSurnameColumnStartingWithAParticleReadsAsWhenSplitOffAFullName() throws Exception {
    var out = convert("""
        Nome completo,Nome,Sobrenome,E-mail
        MARIA DOS SANTOS,,,a@example.com
        ,JOÃO,DA SILVA,b@example.com
        ANA DE SOUZA,,DE SOUZA,c@example.com
        """, options());

    assertThat(out.lines()).containsSubsequence(
        "Maria,dos Santos,a@example.com,,,,,,,,,",
        "João,da Silva,b@example.com,,,,,,,,,",
        "Ana,de Souza,c@example.com,,,,,,,,,");
  }

  @Test
  void findsTheHeaderBelowTitleAndBlankRows() throws Exception {
    var out = convert("Lista de clientes - Novembro\n\n,,\nNome,E-mail,Telefone\nAna,ana@example.com,\n", options());

    assertThat(out.lines()[1]).startsWith("Ana,,ana@example.com,");
    assertThat(out.report().asMap()).containsEntry("header_row", 4);
  }

  @Test
  void mergesDuplicatesByEmailFirstRowWinsBlanksFilledTagsUnioned() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone,Empresa,Tags
        Maria Silva,maria@example.com,,,cliente
        Outra Maria,MARIA@Example.com ,(11) 98765-4321,Acme,vip
        """, options());

    assertThat(out.lines()).hasSize(2);
    assertThat(out.lines()[1]).isEqualTo("Maria,Silva,maria@example.com,+5511987654321,Acme,,,,,,\"cliente, vip\",");
    assertThat(out.report().duplicatesMerged()).isEqualTo(1);
    assertThat(out.report().rowsWritten()).isEqualTo(1);
    assertThat(out.report().totalRows()).isEqualTo(2);
  }

  /** No row has two phones, yet the merged contact does: the column is written, not the second number lost. */
  @Test
  void aDuplicateWithAnotherPhoneAddsTheAdditionalPhonesColumnWhenNoRowHadIt() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone
        Maria,maria@example.com,(11) 99999-1111
        Maria,maria@example.com,(11) 99999-2222
        """, options());

    assertThat(out.lines()).containsExactly(CORE_HEADER + ",Additional Phones",
        "Maria,,maria@example.com,+5511999991111,,,,,,,,,+5511999992222");
  }

  /** A placeholder email ("naotem@...") on every row folds them into one contact that gathers every phone and tag. */
  @Test
  void thirtyThousandRowsSharingAPlaceholderEmailBecomeOneContactWithEveryPhoneOnce() throws Exception {
    StringBuilder csv = new StringBuilder("Nome,E-mail,Telefone,Tags\n");
    for (int i = 0; i < 30_000; i++) {
      csv.append("Pessoa ").append(i).append(",naotem@naotem.com,(11) 9").append(String.format("%04d-%04d", i / 10_000, i % 10_000))
          .append(",lote").append(i % 1_000).append('\n');
    }
    var out = convert(csv.toString(), options());

    assertThat(out.lines()).hasSize(2);
    String[] cells = new org.apache.commons.csv.CSVParser(new java.io.StringReader(out.csv()),
        org.apache.commons.csv.CSVFormat.DEFAULT).getRecords().get(1).values();
    List<String> header = List.of(out.lines()[0].split(","));
    assertThat(cells[header.indexOf("First Name")]).isEqualTo("Pessoa");
    assertThat(cells[header.indexOf("Last Name")]).isEqualTo("0");
    assertThat(cells[header.indexOf("Email")]).isEqualTo("naotem@naotem.com");
    assertThat(cells[header.indexOf("Phone")]).isEqualTo("+5511900000000");
    assertThat(cells[header.indexOf("Additional Phones")].split(", ")).hasSize(29_999).doesNotHaveDuplicates()
        .startsWith("+5511900000001").endsWith("+5511900029999");
    assertThat(cells[header.indexOf("Tags")].split(", ")).hasSize(1_000).startsWith("lote0", "lote1");
    assertThat(out.report().duplicatesMerged()).isEqualTo(29_999);
  }

  @Test
  void mergesRowsWithoutEmailBySamePhone() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone,Cidade
        João,,11987654321,
        ,,+55 11 98765-4321,Campinas
        """, options());

    assertThat(out.lines()).containsExactly(CORE_HEADER, "João,,,+5511987654321,,,Campinas,,,,,");
  }

  @Test
  void twoDifferentEmailsOnOneSharedPhoneAreTwoPeople() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone
        Ana,ana@acme.com,(11) 3456-7890
        Bia,bia@acme.com,(11) 3456-7890
        """, options());

    assertThat(out.report().rowsWritten()).isEqualTo(2);
    assertThat(out.report().duplicatesMerged()).isZero();
  }

  @Test
  void duplicateBringsItsOtherEmailAsAdditionalEmail() throws Exception {
    var out = convert("""
        Nome,E-mail,E-mail 2
        Ana,ana@acme.com,
        Ana,ana@acme.com,ana.pessoal@gmail.com
        """, options());

    assertThat(out.lines()[0]).isEqualTo(CORE_HEADER + ",Additional Emails");
    assertThat(out.lines()[1]).endsWith(",ana.pessoal@gmail.com");
  }

  @Test
  void rejectsRowsWithoutNameEmailOrPhoneIntoTheRejectsFileWithReasons() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone,Cidade
        Ana,ana@example.com,,
        ,not-an-email,123,Recife
        """, options());

    assertThat(out.report().rejectedRows()).isEqualTo(1);
    assertThat(out.rejects().split("\r\n")).containsExactly(
        "Row,Nome,E-mail,Telefone,Cidade,Reasons",
        "3,,not-an-email,123,Recife,missing_name_email_phone; invalid_email; invalid_phone");
    assertThat(out.report().asMap().get("reject_reasons"))
        .isEqualTo(Map.of("missing_name_email_phone", 1L, "invalid_email", 1L, "invalid_phone", 1L));
  }

  @Test
  void guardsFormulaInjectionButNeverAltersAValidatedPhone() throws Exception {
    var out = convert("Nome,Empresa,Cidade,Telefone\nAna,\"=HYPERLINK(\"\"http://x\"\")\",@SUM(A1),+55 11 98765-4321\n", options());

    assertThat(out.lines()[1]).isEqualTo("Ana,,,+5511987654321,\"'=HYPERLINK(\"\"http://x\"\")\",,'@SUM(A1),,,,,");
  }

  @Test
  void addsTheJobTagAndDefaultSource() throws Exception {
    var opts = new ConversionOptions("BR", null, "Black.Friday", "planilha", false, true, 1, ReadLimits.DEFAULT);
    var out = convert("Nome,Tags,Origem\nAna,VIP,\nBia,,site\n", opts);

    assertThat(out.lines()[1]).isEqualTo("Ana,,,,,,,,,,\"vip, blackfriday\",planilha");
    assertThat(out.lines()[2]).isEqualTo("Bia,,,,,,,,,,blackfriday,site");
  }

  @Test
  void optionalColumnsAppearOnlyWhenSomeRowHasData() throws Exception {
    var out = convert("""
        Nome,Site,Observações,Data de Nascimento
        Ana,,,
        Bia,https://bia.dev,,1990-12-31
        """, options());

    assertThat(out.lines()[0]).isEqualTo(CORE_HEADER + ",Date of Birth,Website");
    assertThat(out.lines()[2]).endsWith(",1990-12-31,https://bia.dev");
  }

  @Test
  void truncatesNotesToFiveThousandCharacters() throws Exception {
    var out = convert("Nome,Notas\nAna," + "x".repeat(6000) + "\n", options());

    String notes = out.result().preview().rows().get(0).get(12);
    assertThat(notes).hasSize(5000);
  }

  @Test
  void previewHoldsTheFirstTwentyRowsExactlyAsWritten() throws Exception {
    StringBuilder sb = new StringBuilder("Nome,E-mail\n");
    for (int i = 0; i < 30; i++) {
      sb.append("Pessoa").append(i).append(",p").append(i).append("@example.com\n");
    }
    var out = convert(sb.toString(), options());

    Preview preview = out.result().preview();
    assertThat(preview.columns()).hasSize(12).startsWith("First Name");
    assertThat(preview.rows()).hasSize(20);
    assertThat(String.join(",", preview.rows().get(19))).isEqualTo(out.lines()[20]);
  }

  @Test
  void countsEmptyRowsAndReportsMappingAndUnmappedColumns() throws Exception {
    var out = convert("Nome,E-mail,Cargo\nAna,ana@example.com,CEO\n,,\n\nBia,,\n", options());

    Map<String, Object> r = out.report().asMap();
    assertThat(r).containsEntry("empty_rows_skipped", 2L).containsEntry("total_rows", 2L)
        .containsEntry("pct_with_email", 50.0).containsEntry("unmapped_columns", List.of("Cargo"));
    assertThat(r.get("mapping").toString()).contains("source=Nome", "target=First Name + Last Name");
    assertThat(r.get("fill_rates")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Double.class))
        .containsEntry("First Name", 100.0).containsEntry("Email", 50.0).containsEntry("Phone", 0.0);
  }

  @Test
  void refusesAFileWithNoRecognisableColumn() {
    assertThatThrownBy(() -> convert("foo,bar\n1,2\n", options()))
        .isInstanceOf(ConversionException.class)
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NO_RECOGNISABLE_COLUMN);
  }

  @Test
  void aRowOfTemplatePlaceholdersIsNotTakenForTheHeader() {
    // A report template saved with its fields unfilled: below the placeholders, rows without a header.
    assertThatThrownBy(() -> convert("${nome},${email}\nAna Silva,ana@example.com\n", options()))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NO_RECOGNISABLE_COLUMN);
  }

  @Test
  void aRowOfTemplatePlaceholdersUnderTheHeaderBecomesNoContact() throws Exception {
    var out = convert("""
        Nome,E-mail,Telefone
        ${Employee.Name},${Employee.Email},${Employee.Phone}
        Ana Silva,ana@example.com,
        """, options());

    assertThat(out.lines()).containsExactly(CORE_HEADER, "Ana,Silva,ana@example.com,,,,,,,,,");
    assertThat(out.rejects()).contains("${Employee.Name}");
  }

  @Test
  void aNameColumnHoldingOnlyNumbersIsNoNameColumn() {
    assertThatThrownBy(() -> convert("name,value\n15,3.72\n16,4.1\n", options()))
        .isInstanceOf(ConversionException.class)
        .hasMessageStartingWith("The column \"name\" holds numbers or template placeholders, not names.")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NO_RECOGNISABLE_COLUMN);
  }

  @Test
  void aNameColumnOfNumbersBesideAnEmailColumnIsLeftUnmapped() throws Exception {
    var out = convert("Nome,E-mail\n15,ana@example.com\n3.72,bia@example.com\n", options());

    // The writer quotes an empty first field.
    assertThat(out.lines()).containsExactly(CORE_HEADER, "\"\",,ana@example.com,,,,,,,,,",
        "\"\",,bia@example.com,,,,,,,,,");
    assertThat(out.report().asMap().get("unmapped_columns")).isEqualTo(List.of("Nome"));
  }

  @Test
  void aNumberAmongRealNamesIsNoFirstName() throws Exception {
    var out = convert("Nome,E-mail\nAna Silva,ana@example.com\n15,bia@example.com\n", options());

    assertThat(out.lines()).containsExactly(CORE_HEADER, "Ana,Silva,ana@example.com,,,,,,,,,",
        "\"\",,bia@example.com,,,,,,,,,");
  }

  @Test
  void refusesAHeaderOnlyFile() {
    assertThatThrownBy(() -> convert("Nome,E-mail,Telefone\n", options()))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NO_DATA_ROWS);
  }

  @Test
  void everyThreadCountGivesTheSameBytesAsOneThread() throws Exception {
    StringBuilder sb = new StringBuilder("Nome;E-mail;Telefone;Tags\n");
    for (int i = 0; i < 5000; i++) {
      sb.append("PESSOA ").append(i % 700).append(";p").append(i % 900).append("@Example.com;(11) 9")
          .append(String.format("%04d", i % 1200)).append("-4321;t").append(i % 7).append('\n');
    }
    var one = convert(sb.toString(), options().withThreads(1));
    var two = convert(sb.toString(), options().withThreads(2), SHARED_AT_ONCE);
    var four = convert(sb.toString(), options().withThreads(4), SHARED_AT_ONCE);

    assertThat(two.csv()).isEqualTo(one.csv());
    assertThat(four.csv()).isEqualTo(one.csv());
    assertThat(four.rejects()).isEqualTo(one.rejects());
    assertThat(four.report().duplicatesMerged()).isEqualTo(one.report().duplicatesMerged()).isPositive();
    // with two or more threads the lines are rendered on writing threads: the report and preview agree too
    assertThat(withoutSeconds(two.report().asMap())).isEqualTo(withoutSeconds(one.report().asMap()));
    assertThat(withoutSeconds(four.report().asMap())).isEqualTo(withoutSeconds(one.report().asMap()));
    assertThat(four.result().preview().toJson()).isEqualTo(one.result().preview().toJson());
  }

  /** The threads share the work from the first batch, whatever the JIT compilers are doing. */
  private static final Supplier<BooleanSupplier> SHARED_AT_ONCE = () -> () -> false;

  /** The reading thread converts the first batches alone (the compilers "busy"), then the threads share. */
  private static Supplier<BooleanSupplier> sharedAfter(int batches) {
    return () -> {
      AtomicInteger asked = new AtomicInteger();
      return () -> asked.incrementAndGet() <= batches;
    };
  }

  @Test
  void threadsJoiningMidFileWhenTheCompilersSettleGiveTheSameBytesAsOneThread() throws Exception {
    String text = manyContacts();
    var one = convert(text, options().withThreads(1));
    for (int threads : new int[] {2, 3}) {
      for (int batches : new int[] {1, 5, 100}) { // 100: never shared (15 batches)
        var many = convert(text, options().withThreads(threads), sharedAfter(batches));
        assertThat(many.csv()).as("%d threads sharing after %d batches", threads, batches).isEqualTo(one.csv());
        assertThat(many.rejects()).isEqualTo(one.rejects());
        assertThat(withoutSeconds(many.report().asMap())).isEqualTo(withoutSeconds(one.report().asMap()));
      }
    }
  }

  /** 15,000 rows, over 12,000 contacts: several drain chunks of 4,096 for the writing threads. */
  private static String manyContacts() {
    StringBuilder sb = new StringBuilder("Nome,E-mail,Telefone,Cidade,Tags\n");
    for (int i = 0; i < 15_000; i++) {
      int person = i % 6 == 5 ? i - 5_001 : i; // a duplicate of a row 5,000 before
      sb.append("pessoa ").append(person).append(",p").append(person).append("@example.com,")
          .append(i % 4 == 0 ? "(21) 9" + (1000_0000 + i) : "").append(",Cidade ").append(i % 50)
          .append(",t").append(i % 3).append('\n');
    }
    return sb.toString();
  }

  @Test
  void severalWritingThreadsWriteTheChunksInFileOrder() throws Exception {
    String text = manyContacts();
    var one = convert(text, options().withThreads(1));
    assertThat(one.report().rowsWritten()).isGreaterThan(3 * 4096);
    assertThat(one.report().duplicatesMerged()).isPositive();
    for (int threads : new int[] {2, 3, 6}) { // 6: more threads than writers
      var many = convert(text, options().withThreads(threads), SHARED_AT_ONCE);
      assertThat(many.csv()).as("%d threads", threads).isEqualTo(one.csv());
      assertThat(withoutSeconds(many.report().asMap())).isEqualTo(withoutSeconds(one.report().asMap()));
      assertThat(many.result().preview().toJson()).isEqualTo(one.result().preview().toJson());
    }
  }

  @Test
  void aFailingOutputStopsEveryWritingThreadAndReportsTheFailure() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("conv-", ".csv");
    try {
      java.nio.file.Files.writeString(file, manyContacts());
      java.io.OutputStream full = new java.io.OutputStream() {
        private long written;

        @Override
        public void write(int b) throws java.io.IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
          written += len;
          if (written > 200_000) {
            throw new java.io.IOException("No space left on device");
          }
        }
      };
      assertThatThrownBy(() -> new Converter(options().withThreads(2)).convert(file, full, null, null))
          .isInstanceOf(java.io.IOException.class).hasMessage("No space left on device");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("ghl-write-")));
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  private static java.util.Map<String, Object> withoutSeconds(java.util.Map<String, Object> report) {
    java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>(report);
    copy.remove("seconds");
    return copy;
  }

  @Test
  void splitsIntoZipPartsWithTheHeaderInEachAndQuotedLineBreaksKept() throws Exception {
    StringBuilder sb = new StringBuilder("Nome,Notas\n");
    for (int i = 0; i < 25; i++) {
      sb.append("P").append(i).append(",\"linha 1\nlinha 2\"\n");
    }
    var out = convert(sb.toString(), options());
    ByteArrayOutputStream zip = new ByteArrayOutputStream();

    int parts = CsvSplitter.split(new ByteArrayInputStream(out.csv().getBytes(StandardCharsets.UTF_8)), 10, "contatos", zip);

    assertThat(parts).isEqualTo(3);
    List<String> names = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        String part = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(part).startsWith(CORE_HEADER + ",Notes\r\n");
        rows.add(part.split("\r\n", -1).length - 2);
      }
    }
    assertThat(names).containsExactly("contatos-part-001.csv", "contatos-part-002.csv", "contatos-part-003.csv");
    // The quoted line break inside Notes is LF, so splitting on CRLF counts records.
    assertThat(rows).containsExactly(10, 10, 5);
  }

  @Test
  void aBrazilianMobileIsThePrimaryPhoneEvenWhenALandlineComesFirst() throws Exception {
    var out = convert("First Name,Business Phone,Mobile Phone\nAna,(11) 3456-7890,(11) 98765-4321\n", options());

    assertThat(out.lines()[0]).endsWith(",Additional Phones");
    assertThat(out.lines()[1]).isEqualTo("Ana,,,+5511987654321,,,,,,,,,+551134567890");
  }

  @Test
  void phonesRepeatedAcrossColumnsAndCellsAreWrittenOnceAndCountedOnce() throws Exception {
    // 30 legacy 8-digit mobiles (each gets its ninth digit) in one cell; the second column repeats
    // them all in the fixed form and adds one: past a few numbers the repeats are found by a set.
    StringBuilder legacy = new StringBuilder();
    StringBuilder fixed = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      legacy.append("(21) 8").append(7000_000 + i).append(" / ");
      fixed.append("(21) 98").append(7000_000 + i).append(" / ");
    }
    fixed.append("(21) 3456-7890");
    var out = convert("Nome,Telefone,Celular\nAna,\"" + legacy + "\",\"" + fixed + "\"\n", options());

    String[] row = out.lines()[1].split(",", -1);
    assertThat(row[3]).isEqualTo("+5521987000000");
    String[] additional = out.lines()[1].substring(out.lines()[1].indexOf('"') + 1).replace("\"", "").split(", ");
    assertThat(additional).hasSize(30).doesNotHaveDuplicates().endsWith("+552134567890");
    assertThat(out.report().asMap()).containsEntry("ninth_digit_fixed", 30L);
  }

  @Test
  void anInternationalPhoneDecidesTheCountryOfAddressFieldsWhenNoCountryColumnExists() throws Exception {
    var out = convert("Nome,Telefone,CEP,Nascimento\nInês,+351 912 345 678,1100-053,31/12/1990\n"
        + "John,+1 415 555 2671,94105,12/31/1990\nAna,(11) 98765-4321,1310100,31/12/1990\n", options());

    assertThat(out.lines()[0]).endsWith(",Date of Birth");
    assertThat(out.lines()[1]).isEqualTo("Inês,,,+351912345678,,,,,1100-053,,,,1990-12-31");
    assertThat(out.lines()[2]).isEqualTo("John,,,+14155552671,,,,,94105,,,,1990-12-31");
    assertThat(out.lines()[3]).isEqualTo("Ana,,,+5511987654321,,,,,01310-100,,,,1990-12-31");
  }
}
