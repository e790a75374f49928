package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /jobs/inspect: a workbook's sheets, the one a job would read and its header, before any job
 * exists; the problems an upload would get; and GET /config, the upload limit a client checks first.
 */
@Tag("services")
class UploadInspectionTest {
  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("MAX_UPLOAD_MB", "1"));

  @Test
  void aWorkbookAnswersItsSheetsTheDefaultOneAndItsHeaderWithoutCreatingAJob() throws Exception {
    byte[] xlsx = workbook(twoSheets());

    JsonObject found = json(inspect("contatos.xlsx", xlsx, null));

    assertThat(found.getString("format")).isEqualTo("xlsx");
    assertThat(found.getJsonArray("sheets").getList()).containsExactly("Clientes", "Leads");
    assertThat(found.getString("sheet")).as("the first sheet holding a value").isEqualTo("Clientes");
    assertThat(found.getJsonArray("header").getList()).containsExactly("Nome", "E-mail", "Telefone");
    assertThat(json(node.api().get("/jobs")).getLong("total")).as("nothing stored").isZero();
    assertThat(TestServices.column("SELECT count(*) FROM job_files")).containsExactly("0");
  }

  @Test
  void aSheetAskedForIsTheOneRead() throws Exception {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Resumo", List.of(List.of("Total", "2")));
    sheets.put("Leads", List.of(List.of("Name", "Email"), List.of("Bia Lima", "bia@example.com")));

    JsonObject found = json(inspect("leads.xlsx", workbook(sheets), "leads"));

    assertThat(found.getString("sheet")).isEqualTo("Leads");
    assertThat(found.getJsonArray("header").getList()).containsExactly("Name", "Email");
  }

  @Test
  void aCsvHasNoSheets() throws Exception {
    byte[] csv = "Nome;E-mail\nAna;ana@example.com\n".getBytes(StandardCharsets.UTF_8);

    JsonObject found = json(inspect("lista.csv", csv, null));

    assertThat(found.getString("format")).isEqualTo("csv");
    assertThat(found.getJsonArray("sheets").getList()).isEmpty();
    assertThat(found.getValue("sheet")).isNull();
    assertThat(found.getJsonArray("header").getList()).containsExactly("Nome", "E-mail");
  }

  @Test
  void aDefaultSheetWithoutContactsNamesEverySheetSoAnotherCanBeChosen() throws Exception {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Resumo", List.of(List.of("Total", "Mês"), List.of("2", "março")));
    sheets.put("Leads", List.of(List.of("Nome", "E-mail"), List.of("Bia", "bia@example.com")));

    JsonObject p = assertProblem(inspect("resumo.xlsx", workbook(sheets), null), 422, "no_recognisable_column");

    assertThat(p.getString("sheet")).isEqualTo("Resumo");
    assertThat(p.getJsonArray("sheets").getList()).containsExactly("Resumo", "Leads");
  }

  @Test
  void aFileThatIsNotASpreadsheetIsTheSameProblemAsItsUpload() throws Exception {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);

    assertProblem(inspect("junk.xlsx", noise, null), 415, "not_a_spreadsheet");
    assertProblem(node.api().upload("junk.xlsx", noise), 415, "not_a_spreadsheet");
  }

  @Test
  void aFileOverTheUploadLimitIsRefusedAsAnUploadIs() throws Exception {
    byte[] big = new byte[1024 * 1024 + 200 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');

    JsonObject p = assertProblem(inspect("big.csv", big, null), 413, "payload_too_large");

    assertThat(p.getString("variant")).isEqualTo("upload");
    assertThat(p.getLong("limit")).isEqualTo(1024 * 1024);
  }

  @Test
  void inspectingNeedsASession() throws Exception {
    Api.Multipart form = new Api.Multipart().file("file", "lista.csv", "Nome\nAna\n".getBytes(StandardCharsets.UTF_8));

    assertProblem(node.anonymous().postForm("/jobs/inspect", form), 401, "unauthorized");
  }

  @Test
  void theUploadLimitIsPublicForClientsToCheckBeforeSending() throws Exception {
    JsonObject config = json(node.anonymous().get("/config"));

    assertThat(config.getLong("max_upload_bytes")).isEqualTo(1024 * 1024);
    assertThat(config.getInteger("max_upload_mb")).isEqualTo(1);
  }

  private static java.net.http.HttpResponse<byte[]> inspect(String name, byte[] content, String sheet)
      throws Exception {
    Api.Multipart form = new Api.Multipart();
    if (sheet != null) {
      form.field("sheet", sheet);
    }
    return node.api().postForm("/jobs/inspect", form.file("file", name, content));
  }

  /** Two sheets of contacts, different people in each. */
  static Map<String, List<List<String>>> twoSheets() {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Clientes", List.of(List.of("Nome", "E-mail", "Telefone"),
        List.of("Ana Souza", "ana@example.com", "(11) 98765-4321"),
        List.of("Carlos Lima", "carlos@example.com", "(21) 99876-5432")));
    sheets.put("Leads", List.of(List.of("Nome", "E-mail", "Telefone"),
        List.of("Beatriz Rocha", "beatriz@example.com", "(31) 98123-4567"),
        List.of("Diego Alves", "diego@example.com", "(41) 99234-5678"),
        List.of("Elisa Prado", "elisa@example.com", "(51) 98345-6789")));
    return sheets;
  }

  /** An XLSX of text cells, one sheet per entry, in order. */
  static byte[] workbook(Map<String, List<List<String>>> sheets) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      sheets.forEach((name, rows) -> {
        Sheet sheet = wb.createSheet(name);
        for (int r = 0; r < rows.size(); r++) {
          Row row = sheet.createRow(r);
          for (int c = 0; c < rows.get(r).size(); c++) {
            row.createCell(c).setCellValue(rows.get(r).get(c));
          }
        }
      });
      wb.write(out);
      return out.toByteArray();
    }
  }
}
