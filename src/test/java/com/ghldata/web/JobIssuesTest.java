package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing lost without a trace: the cells a conversion leaves out or changes are kept with their
 * original values in the job's issues list (paged, filtered by reason, in the reader's language, as
 * a CSV), and the files people open (rejects, issues, the GHL file for Excel) open right in a
 * spreadsheet: a BOM, their language, their list separator. Through the real router and store.
 */
@Tag("services")
class JobIssuesTest {
  private static final int BAD_PHONES = 31;

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of());

  /** Each test's own account converts the list afresh. */
  private String id;

  /** A Brazilian list with every kind of damaged cell, and 31 short phones to page through. */
  static byte[] damagedList() {
    StringBuilder sb = new StringBuilder("Nome;E-mail;Telefone;Observações\n");
    sb.append("João da Silva;joao@@gmail;(11) 1234;\n");                       // row 2
    sb.append("Maria Souza;maria@gmail.con;5,58199E+12;\n");                   // row 3
    sb.append("Pedro Lima;#N/A;(11) 98765-4321;\n");                           // row 4
    sb.append("Ana Reis;ana@hotmal.com;(21) 99876-5432;").append("x".repeat(6_000)).append('\n'); // row 5
    sb.append(";nao-e-email;123;\n");                                          // row 6: rejected
    for (int i = 0; i < BAD_PHONES - 2; i++) {                                 // rows 7..35
      sb.append("Cliente ").append(i).append(";cliente").append(i).append("@empresa.com.br;9").append(i).append(";\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void convert() throws Exception {
    id = node.api().accepted("lista.csv", damagedList()).getString("id");
    node.api().awaitStatus(id, "done", Duration.ofSeconds(30));
  }

  @Test
  void theReportCountsTheIssuesByReason() throws Exception {
    JsonObject counts = json(node.api().get("/jobs/" + id + "/report")).getJsonObject("cell_issues");

    assertThat(counts.getMap()).containsEntry("invalid_email", 2).containsEntry("email_domain_typo", 2)
        .containsEntry("invalid_phone", BAD_PHONES).containsEntry("phone_scientific_notation", 1)
        .containsEntry("excel_error", 1).containsEntry("notes_too_long", 1);
  }

  @Test
  void everyDroppedCellIsListedWithItsOriginalValueAndReason() throws Exception {
    JsonObject page = json(node.api().get("/jobs/" + id + "/issues"));

    assertThat(page.getLong("total")).isEqualTo(2 + 2 + BAD_PHONES + 1 + 1 + 1);
    JsonArray items = page.getJsonArray("items");
    assertThat(items).hasSize(page.getInteger("total"));
    JsonObject first = items.getJsonObject(0);
    assertThat(first.getInteger("row")).isEqualTo(2);
    assertThat(first.getString("column")).isEqualTo("E-mail");
    assertThat(first.getString("value")).isEqualTo("joao@@gmail");
    assertThat(first.getString("action")).isEqualTo("removed");
    assertThat(first.getString("reason")).isEqualTo("invalid_email");
    assertThat(first.getString("message")).isEqualTo("invalid email");
    JsonObject phone = items.getJsonObject(1);
    assertThat(phone.getString("column")).isEqualTo("Telefone");
    assertThat(phone.getString("value")).isEqualTo("(11) 1234");
    assertThat(phone.getString("reason")).isEqualTo("invalid_phone");
    assertThat(rowsOf(items, "excel_error")).containsExactly(4);
    JsonObject notes = items.stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("reason").equals("notes_too_long")).findFirst().orElseThrow();
    assertThat(notes.getString("action")).isEqualTo("cut");
    assertThat(notes.getString("value")).hasSize(501).endsWith("…");
  }

  @Test
  void theGhlFileKeepsTheRowsWithoutTheBadCells() throws Exception {
    String csv = text(node.api().get("/jobs/" + id + "/download"));

    assertThat(csv).contains("João,da Silva,,,").doesNotContain("joao@@gmail").doesNotContain("gmail.con")
        .doesNotContain("hotmal.com").doesNotContain("#N/A").contains("Pedro,Lima,,+5511987654321");
  }

  @Test
  void typosAndScientificNotationHaveTheirOwnReasonAndAdvice() throws Exception {
    JsonArray typos = json(node.api().get("/jobs/" + id + "/issues?reason=email_domain_typo")).getJsonArray("items");
    assertThat(typos.stream().map(o -> ((JsonObject) o).getString("suggestion")))
        .containsExactly("maria@gmail.com", "ana@hotmail.com");

    HttpResponse<byte[]> pt = node.api().client().send(node.api().request(
        "/jobs/" + id + "/issues?reason=phone_scientific_notation").header("Accept-Language", "pt-BR,pt;q=0.9,en;q=0.5")
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonObject sci = json(pt).getJsonArray("items").getJsonObject(0);
    assertThat(sci.getString("value")).isEqualTo("5,58199E+12");
    assertThat(sci.getString("message")).isEqualTo("telefone destruído pela notação científica");
    assertThat(sci.getString("advice")).contains("formate a coluna como Texto");
  }

  @Test
  void pagesOfOneReasonCoverItOnceInRowOrder() throws Exception {
    List<Integer> rows = new ArrayList<>();
    for (int offset = 0; offset < 40; offset += 10) {
      JsonObject page = json(node.api().get("/jobs/" + id + "/issues?reason=invalid_phone&limit=10&offset=" + offset));
      assertThat(page.getLong("total")).isEqualTo(BAD_PHONES);
      rows.addAll(rowsOf(page.getJsonArray("items"), "invalid_phone"));
    }
    assertThat(rows).hasSize(BAD_PHONES).isSorted();
    assertThat(new HashSet<>(rows)).hasSize(BAD_PHONES);
    assertThat(json(node.api().get("/jobs/" + id + "/issues?offset=1000")).getJsonArray("items")).isEmpty();
  }

  @Test
  void badFiltersAndPagesAreRefused() throws Exception {
    assertProblem(node.api().get("/jobs/" + id + "/issues?reason=everything"), 400, "bad_request");
    assertProblem(node.api().get("/jobs/" + id + "/issues?limit=0"), 400, "bad_request");
    assertProblem(node.api().get("/jobs/" + id + "/issues?lang=klingon"), 400, "bad_request");
    assertProblem(node.api().get("/jobs/" + id + "/issues/download?format=xml"), 400, "bad_request");
  }

  @Test
  void anotherUsersIssuesAreNotFound() throws Exception {
    Api stranger = node.api().anonymous().signedUp();
    for (String path : List.of("/issues", "/issues/download", "/issues/download?format=codes", "/rejects",
        "/download?format=spreadsheet")) {
      assertProblem(stranger.get("/jobs/" + id + path), 404, "not_found");
    }
  }

  @Test
  void theIssuesCsvOpensInPortugueseExcel() throws Exception {
    HttpResponse<byte[]> r = node.api().get("/jobs/" + id + "/issues/download?lang=pt-BR");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Disposition")).contains("lista-issues.csv");
    assertThat(startsWithBom(r.body())).isTrue();
    List<String> lines = withoutBom(r.body()).lines().toList();
    assertThat(lines.get(0)).isEqualTo("Linha;Coluna;Valor original;O que foi feito;Motivo;Sugestão;Código");
    assertThat(lines.get(1)).isEqualTo("2;E-mail;joao@@gmail;retirado do arquivo GHL;e-mail inválido;"
        + "O GHL recusaria a linha inteira com este e-mail, então só o e-mail foi retirado.;invalid_email");
    assertThat(lines).anyMatch(l -> l.startsWith("3;E-mail;maria@gmail.con;") && l.contains(";maria@gmail.com;"));
  }

  @Test
  void theStoredIssuesFileIsForPrograms() throws Exception {
    HttpResponse<byte[]> r = node.api().get("/jobs/" + id + "/issues/download?format=codes");

    assertThat(startsWithBom(r.body())).isFalse();
    assertThat(text(r).lines().findFirst().orElseThrow()).isEqualTo("row,column,value,action,reason,suggestion");
    assertThat(text(r)).contains("3,Telefone,\"5,58199E+12\",removed,phone_scientific_notation,");
  }

  @Test
  void theRejectsFileSpeaksTheReadersLanguage() throws Exception {
    HttpResponse<byte[]> pt = node.api().get("/jobs/" + id + "/rejects?lang=pt-BR");
    List<String> lines = withoutBom(pt.body()).lines().toList();
    assertThat(startsWithBom(pt.body())).isTrue();
    assertThat(lines.get(0)).isEqualTo("Linha;Nome;E-mail;Telefone;Observações;Motivos");
    assertThat(lines.get(1)).isEqualTo("6;;nao-e-email;123;;\"sem nome, e-mail ou telefone; e-mail inválido; telefone inválido\"");

    HttpRequest es = node.api().request("/jobs/" + id + "/rejects").header("Accept-Language", "es-419").GET().build();
    assertThat(withoutBom(node.api().client().send(es, HttpResponse.BodyHandlers.ofByteArray()).body()).lines()
        .findFirst().orElseThrow()).isEqualTo("Fila;Nome;E-mail;Telefone;Observações;Motivos");

    HttpResponse<byte[]> en = node.api().get("/jobs/" + id + "/rejects");
    assertThat(withoutBom(en.body()).lines().findFirst().orElseThrow()).isEqualTo("Row,Nome,E-mail,Telefone,Observações,Reasons");

    HttpResponse<byte[]> codes = node.api().get("/jobs/" + id + "/rejects?format=codes");
    assertThat(startsWithBom(codes.body())).isFalse();
    assertThat(text(codes)).contains("6,,nao-e-email,123,,missing_name_email_phone; invalid_email; invalid_phone");
  }

  @Test
  void theGhlFileForExcelHasABomAndSemicolons() throws Exception {
    HttpResponse<byte[]> ghl = node.api().get("/jobs/" + id + "/download");
    HttpResponse<byte[]> excel = node.api().get("/jobs/" + id + "/download?format=spreadsheet&lang=pt-BR");

    assertThat(startsWithBom(ghl.body())).isFalse();
    assertThat(startsWithBom(excel.body())).isTrue();
    String first = withoutBom(excel.body()).lines().findFirst().orElseThrow();
    assertThat(first).isEqualTo(text(ghl).lines().findFirst().orElseThrow().replace(',', ';'));
    assertThat(withoutBom(excel.body()).lines().count()).isEqualTo(text(ghl).lines().count());
  }

  private static List<Integer> rowsOf(JsonArray items, String reason) {
    List<Integer> rows = new ArrayList<>();
    for (Object o : items) {
      JsonObject i = (JsonObject) o;
      if (i.getString("reason").equals(reason)) {
        rows.add(i.getInteger("row"));
      }
    }
    return rows;
  }

  private static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  private static String withoutBom(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
