package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One language per reader, through the real router: the same error answers in pt-BR, en or es as
 * the request's Accept-Language asks, always with the same code, variant and parameters as
 * members; a failed job's stored error reads in the language of whoever reads it.
 */
@Tag("services")
class LocalizedErrorsTest {
  private static final Duration CONVERSION = Duration.ofSeconds(20);

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pt-BR,pt;q=0.9,en;q=0.8 | pt-BR | Nenhum cabeçalho das primeiras 2 linhas | Nenhuma coluna de contato",
      "en-US,en;q=0.9          | en    | No column header was recognised as a contact field in the first 2 rows | No contact columns",
      "es-AR,es;q=0.9          | es    | Ningún encabezado de las primeras 2 filas | Ninguna columna de contacto",
      "de-DE, es;q=0.7, en;q=0.3 | es  | Ningún encabezado de las primeras 2 filas | Ninguna columna de contacto",
  })
  void anUnusableUploadAnswersInTheLanguageAskedFor(String acceptLanguage, String language, String detail,
      String title) throws Exception {
    Api.Multipart form = new Api.Multipart().file("file", "foo.csv", "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = send(node.api().request("/jobs").header("Accept-Language", acceptLanguage)
        .header("Content-Type", "multipart/form-data; boundary=" + form.boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));

    JsonObject p = assertProblem(r, 422, "no_recognisable_column");
    assertThat(header(r, "Content-Language")).isEqualTo(language);
    assertThat(p.getString("title")).isEqualTo(title);
    assertThat(p.getString("detail")).startsWith(detail);
    assertThat(p.getString("variant")).isEqualTo("no_header");
    assertThat(p.getInteger("rows")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pt-BR | O parâmetro limit não é válido.",
      "en    | The parameter limit is not valid.",
      "es    | El parámetro limit no es válido.",
  })
  void aParameterTheContractRefusesIsNamedInEachLanguage(String language, String detail) throws Exception {
    HttpResponse<byte[]> r = send(node.api().request("/jobs?limit=500").header("Accept-Language", language).GET());

    JsonObject p = assertProblem(r, 400, "bad_request");
    assertThat(p.getString("detail")).isEqualTo(detail);
    assertThat(p.getString("variant")).isEqualTo("invalid_parameter");
    assertThat(p.getString("parameter")).isEqualTo("limit");
    assertThat(p.getString("location")).isEqualTo("query");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pt-BR | country deve ser um código de país ISO de duas letras, como BR ou US.",
      "en    | country must be a two-letter ISO country code such as BR or US.",
      "es    | country debe ser un código de país ISO de dos letras, como BR o US.",
  })
  void anUploadOptionOutOfShapeIsNamedInEachLanguage(String language, String detail) throws Exception {
    Api.Multipart form = new Api.Multipart().field("country", "Brasil")
        .file("file", "contacts.csv", "Nome,E-mail\nAna,ana@example.com\n".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = send(node.api().request("/jobs").header("Accept-Language", language)
        .header("Content-Type", "multipart/form-data; boundary=" + form.boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));

    JsonObject p = assertProblem(r, 400, "bad_request");
    assertThat(p.getString("detail")).isEqualTo(detail);
    assertThat(p.getString("variant")).isEqualTo("country");
    assertThat(p.getString("parameter")).isEqualTo("country");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pt-BR | Não encontrado | Não há nada aqui.",
      "en    | Not found      | Nothing here.",
      "es    | No encontrado  | Aquí no hay nada.",
  })
  void anUnknownAddressIsNotFoundInEachLanguage(String language, String title, String detail) throws Exception {
    HttpResponse<byte[]> r = send(node.anonymous().request("/no/such/page").header("Accept-Language", language).GET());

    JsonObject p = assertProblem(r, 404, "not_found");
    assertThat(p.getString("title")).isEqualTo(title);
    assertThat(p.getString("detail")).isEqualTo(detail);
    assertThat(p.getString("variant")).isEqualTo("route");
  }

  @Test
  void aMissingSheetNamesTheSheetsTheWorkbookHasInTheLanguageAskedFor() throws Exception {
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      for (String name : new String[] {"Clientes", "Contatos"}) {
        Row header = workbook.createSheet(name).createRow(0);
        header.createCell(0).setCellValue("Nome");
        header.createCell(1).setCellValue("E-mail");
      }
      workbook.write(xlsx);
    }
    Api.Multipart form = new Api.Multipart().field("sheet", "Vendas").file("file", "contatos.xlsx", xlsx.toByteArray());
    HttpResponse<byte[]> r = send(node.api().request("/jobs").header("Accept-Language", "pt-BR")
        .header("Content-Type", "multipart/form-data; boundary=" + form.boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));

    JsonObject p = assertProblem(r, 422, "sheet_not_found");
    assertThat(p.getString("detail"))
        .isEqualTo("A planilha não tem uma aba chamada \"Vendas\"; as abas são: Clientes, Contatos.");
    assertThat(p.getString("sheet")).isEqualTo("Vendas");
    assertThat(p.getJsonArray("sheets").getList()).containsExactly("Clientes", "Contatos");
  }

  @Test
  void withoutAcceptLanguageTheApiAnswersInEnglish() throws Exception {
    JsonObject p = assertProblem(node.anonymous().get("/me"), 401, "unauthorized");

    assertThat(p.getString("title")).isEqualTo("Sign in required");
    assertThat(p.getString("detail")).isEqualTo("Sign in first.");
  }

  @Test
  void aWeakPasswordNamesTheRuleInTheLanguageAskedFor() throws Exception {
    HttpResponse<byte[]> r = send(node.anonymous().request("/auth/register").header("Accept-Language", "es")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Api.credentials("weak@example.com", "short").encode())));

    JsonObject p = assertProblem(r, 400, "weak_password");
    assertThat(p.getString("detail")).isEqualTo("La contraseña debe tener de 10 a 256 caracteres.");
    assertThat(p.getInteger("min")).isEqualTo(10);
    assertThat(p.getInteger("max")).isEqualTo(256);
  }

  @Test
  void aStoredJobFailureReadsInTheLanguageOfWhoeverReadsIt() throws Exception {
    String id = node.api().accepted("wide-row.csv", JobApiTest.csvWithWideRowAt(5012, 1_025)).getString("id");
    node.api().awaitStatus(id, "failed", CONVERSION);

    JsonObject pt = json(send(node.api().request("/jobs/" + id).header("Accept-Language", "pt-BR").GET()))
        .getJsonObject("error");
    JsonObject en = json(send(node.api().request("/jobs/" + id).header("Accept-Language", "en").GET()))
        .getJsonObject("error");

    assertThat(pt.getString("code")).isEqualTo("too_many_columns");
    assertThat(pt.getString("variant")).isEqualTo("row");
    assertThat(pt.getInteger("row")).isEqualTo(5012);
    assertThat(pt.getInteger("limit")).isPositive();
    assertThat(pt.getString("message")).startsWith("A linha 5.012 tem mais de ").endsWith("(o limite).");
    assertThat(pt.getString("title")).isEqualTo("Colunas demais");
    assertThat(en.getString("message")).startsWith("Row 5,012 has more than ");
    assertThat(en.getString("title")).isEqualTo("Too many columns");
    assertThat(en.getInteger("row")).isEqualTo(5012);

    JsonObject listed = json(send(node.api().request("/jobs?status=failed").header("Accept-Language", "es").GET()))
        .getJsonArray("items").getJsonObject(0).getJsonObject("error");
    assertThat(listed.getString("message")).startsWith("La fila 5012 tiene más de ");
  }

  @ParameterizedTest
  @CsvSource({"pt-BR, Nenhuma coluna de contato", "en, No contact columns", "es, Ninguna columna de contacto"})
  void theWebUiReadsTheSameCatalogueTheApiWordsErrorsFrom(String language, String title) throws Exception {
    HttpResponse<byte[]> r = node.anonymous().get("/i18n/" + language + ".json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).startsWith("application/json");
    JsonObject catalogue = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(catalogue.getString("title.no_recognisable_column")).isEqualTo(title);
    assertThat(catalogue.getMap()).isEqualTo(Map.copyOf(Messages.catalogues().catalogue(language)));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return node.api().client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
