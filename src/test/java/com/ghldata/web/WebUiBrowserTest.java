package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real (headless) Chromium against one whole node: a user creates an account,
 * uploads a spreadsheet, watches it finish, reads the preview and report, downloads the GHL CSV; a
 * bad file gets a readable error; the language switch works; each account sees only its own
 * conversions, and a signed-out browser sees only the sign-in panel. Uses the system's chromium
 * and chromedriver, never anything Selenium Manager would fetch from the network.
 */
@Tag("services")
@Tag("browser")
class WebUiBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DOWNLOADED_NAME = "generic-pt-ghl.csv";
  private static final String PASSWORD = "correct horse battery staple";

  private static Application app;
  private static ChromeDriverService service;
  private static ChromeDriver driver;
  private static Path downloads;
  private static Path buildDir;
  private static String home;

  @BeforeAll
  static void startNodeAndBrowser() throws Exception {
    app = TestServices.start(Map.of());
    home = "http://127.0.0.1:" + app.httpPort() + "/";
    buildDir = buildDir();
    downloads = Files.createTempDirectory("ghl-browser-downloads");
    Path profile = Files.createTempDirectory("ghl-browser-profile");

    assertThat(CHROMEDRIVER).as("Debian's chromedriver").isExecutable();
    assertThat(CHROMIUM).as("Debian's chromium").isExecutable();
    // A driver path given to the service (and in the property) makes Selenium skip Selenium
    // Manager entirely, so nothing is ever downloaded.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(buildDir.resolve("chromedriver.log").toFile())
        .build();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--window-size=1366,900",
        "--user-data-dir=" + profile);
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    prefs.put("download.directory_upgrade", true);
    options.setExperimentalOption("prefs", prefs);
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowserAndNode() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void freshPage() throws Exception {
    TestServices.resetDatabase();
    driver.get(home);
    // Each test starts in Portuguese, the default, and signed out, whatever the previous one did.
    ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
    driver.manage().deleteAllCookies();
    driver.navigate().refresh();
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
  }

  @Test
  void aSpreadsheetGoesFromUploadToPreviewReportAndDownload() throws Exception {
    signUp(freshEmail());
    List<CSVRecord> expected = csv(resource("/golden/expected/generic-pt.ghl.csv"));
    Map<String, String> expectedFirstRow = expected.get(0).toMap();

    driver.findElement(By.id("file-input")).sendKeys(resourcePath("/golden/generic-pt.csv").toString());
    WebElement uploadButton = wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button")));
    uploadButton.click();

    By doneJob = By.cssSelector("#jobs-list [data-job-id][data-status='done']");
    WebElement job = wait(driver).until(ExpectedConditions.presenceOfElementLocated(doneJob));
    assertThat(job.getText()).contains("generic-pt.csv");
    String jobId = job.getAttribute("data-job-id");
    clickWhenPossible(job.findElement(By.tagName("button")));

    WebElement detail = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("job-detail")));
    wait(driver).until(ExpectedConditions.attributeToBe(detail, "data-job-id", jobId));
    wait(driver).until(ExpectedConditions.attributeToBe(detail, "data-status", "done"));

    WebElement table = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-table tbody tr")))
        .findElement(By.xpath("ancestor::table"));
    List<String> headers = texts(table.findElements(By.cssSelector("thead th:not(.rownum)")));
    List<String> firstRow = texts(table.findElements(By.cssSelector("tbody tr:first-child td:not(.rownum)")));
    assertThat(headers).contains("First Name", "Last Name", "Email", "Phone");
    assertThat(firstRow).contains("Maria").hasSameSizeAs(headers);
    Map<String, String> shown = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      shown.put(headers.get(i), firstRow.get(i));
    }
    for (String column : headers) {
      assertThat(shown.get(column)).as("preview cell %s", column).isEqualTo(expectedFirstRow.get(column));
    }

    WebElement report = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#report .stat-hero .stat-value")));
    assertThat(report.getText()).isEqualTo(String.valueOf(expected.size()));
    assertThat(driver.findElement(By.id("report")).getText()).contains("Nome", "First Name");
    // Each count agrees with its words: "1 linha vazia ignorada", "0 linhas vazias ignoradas" (in
    // these Portuguese labels the first word takes the plural s).
    for (WebElement metric : driver.findElements(By.cssSelector("#report .metric"))) {
      String value = metric.findElement(By.className("metric-value")).getText();
      String firstWord = metric.findElement(By.className("metric-label")).getText().split(" ")[0];
      assertThat(firstWord.endsWith("s")).as("%s %s...", value, firstWord).isEqualTo(!value.equals("1"));
    }
    // Fill rates follow the GHL file's column order, not the key order jsonb happens to store.
    assertThat(texts(driver.findElements(By.cssSelector("#fill-rates .bar-label")))).containsExactlyElementsOf(headers);

    screenshot("done");

    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("download-csv"))));
    Path file = downloads.resolve(DOWNLOADED_NAME);
    wait(driver).until(d -> Files.isRegularFile(file));
    assertThat(file).hasBinaryContent(resource("/golden/expected/generic-pt.ghl.csv"));
  }

  @Test
  void theCellsLeftOutAreShownOnTheResultPageAndDownloadForExcel() throws Exception {
    signUp(freshEmail());
    Path file = Files.createTempDirectory("ghl-browser-upload").resolve("lista-problemas.csv");
    Files.write(file, JobIssuesTest.damagedList());

    driver.findElement(By.id("file-input")).sendKeys(file.toString());
    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button"))));
    WebElement job = wait(driver).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#jobs-list [data-job-id][data-status='done']")));
    clickWhenPossible(job.findElement(By.tagName("button")));

    WebElement issues = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("issues")));
    wait(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#issues-table tbody tr")));
    List<String> first = texts(driver.findElements(By.cssSelector("#issues-table tbody tr:first-child td")));
    assertThat(first).containsExactly("2", "E-mail", "joao@@gmail", "e-mail inválido",
        "O GHL recusaria a linha inteira com este e-mail, então só o e-mail foi retirado.");
    assertThat(issues.getText()).contains("5,58199E+12", "telefone destruído pela notação científica", "maria@gmail.com");
    // 38 cells, shown 50 at a time: no "load more"; a small file offers no ZIP.
    assertThat(driver.findElement(By.id("issues-more")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("download-zip")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("next-step")).getText()).contains("Contatos → Importar contatos");

    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("issues-reason")))
        .selectByValue("email_domain_typo");
    wait(driver).until(d -> d.findElements(By.cssSelector("#issues-table tbody tr")).size() == 2);
    assertThat(texts(driver.findElements(By.cssSelector("#issues-table tbody tr td:nth-child(5)"))))
        .containsExactly("maria@gmail.com", "ana@hotmail.com");

    clickWhenPossible(driver.findElement(By.id("download-issues")));
    Path downloaded = downloads.resolve("lista-problemas-issues.csv");
    wait(driver).until(d -> Files.isRegularFile(downloaded) && sizeOf(downloaded) > 0);
    String text = Files.readString(downloaded, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFLinha;Coluna;Valor original;O que foi feito;Motivo;Sugestão;Código");
    screenshot("issues");
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void aFileThatIsNotASpreadsheetShowsAReadableErrorInBothLanguages() throws Exception {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path junk = Files.write(Files.createTempDirectory("ghl-browser-junk").resolve("junk.csv"), noise);
    signUp(freshEmail());

    driver.findElement(By.id("file-input")).sendKeys(junk.toString());
    wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button"))).click();

    WebElement banner = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
    assertThat(banner.getAttribute("data-code")).isEqualTo("not_a_spreadsheet");
    // Title and sentence both from the Portuguese catalogue: no English detail under a Portuguese title.
    wait(driver).until(ExpectedConditions.textToBe(By.id("error-title"), "Não é uma planilha"));
    assertThat(driver.findElement(By.id("error-detail")).getText()).isEqualTo(
        "O arquivo não é uma pasta de trabalho (XLSX, XLS) nem texto (CSV): ele contém dados binários.");
    assertThat(driver.findElement(By.id("error-banner")).getText()).doesNotContain("The ", "file", "neither");
    String portuguese = driver.findElement(By.id("error-title")).getText();
    assertThat(driver.findElements(By.cssSelector("#jobs-list [data-job-id]"))).isEmpty();
    screenshot("error-pt");

    WebElement uploadTitle = driver.findElement(By.id("upload-title"));
    String before = uploadTitle.getText();
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pt-BR");
    chooseLanguage("en");

    wait(driver).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
    assertThat(uploadTitle.getText()).isNotBlank().isNotEqualTo(before);
    String english = driver.findElement(By.id("error-title")).getText();
    assertThat(english).isNotBlank().isNotEqualTo(portuguese);
    assertThat(banner.isDisplayed()).isTrue();
    screenshot("error-en");

    chooseLanguage("es");
    wait(driver).until(ExpectedConditions.textToBe(By.id("error-title"), "No es una hoja de cálculo"));
    assertThat(driver.findElement(By.id("error-detail")).getText())
        .isEqualTo("El archivo no es un libro (XLSX, XLS) ni texto (CSV): contiene datos binarios.");
    chooseLanguage("pt");
  }

  @Test
  void aWorkbooksSheetsAreOfferedAndTheJobConvertsTheOneChosen() throws Exception {
    signUp(freshEmail());
    Path xlsx = Files.write(Files.createTempDirectory("ghl-browser-sheets").resolve("contatos.xlsx"),
        UploadInspectionTest.workbook(UploadInspectionTest.twoSheets()));

    driver.findElement(By.id("file-input")).sendKeys(xlsx.toString());
    WebElement picker = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("opt-sheet")));
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("sheet-field"), "data-state", "ready"));
    Select sheets = new Select(picker);
    assertThat(texts(sheets.getOptions())).containsExactly("Clientes", "Leads");
    assertThat(sheets.getFirstSelectedOption().getText()).as("the sheet a job reads by default").isEqualTo("Clientes");
    assertThat(driver.findElement(By.id("opt-sheet-help")).getText())
        .isEqualTo("Colunas da aba Clientes: Nome, E-mail, Telefone");
    assertThat(TestServices.column("SELECT count(*) FROM jobs")).as("inspecting creates no job").containsExactly("0");

    sheets.selectByVisibleText("Leads");
    wait(driver).until(ExpectedConditions.textToBe(By.id("opt-sheet-help"), "Colunas da aba Leads: Nome, E-mail, Telefone"));
    screenshot("sheet-picker");
    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button"))));

    WebElement detail = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("job-detail")));
    wait(driver).until(ExpectedConditions.attributeToBe(detail, "data-status", "done"));
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-table tbody tr")));
    String preview = driver.findElement(By.id("preview-table")).getText();
    assertThat(preview).contains("Beatriz", "Diego", "Elisa").doesNotContain("Ana", "Carlos");
    assertThat(driver.findElements(By.cssSelector("#preview-table tbody tr"))).hasSize(3);
    assertThat(TestServices.column("SELECT options->>'sheet' FROM jobs")).containsExactly("Leads");
    assertThat(driver.findElement(By.id("sheet-field")).isDisplayed()).as("the picker goes with the file").isFalse();

    // A CSV has no sheets: no picker, and it is not sent twice to find that out.
    driver.findElement(By.id("file-input")).sendKeys(resourcePath("/golden/generic-pt.csv").toString());
    wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button")));
    assertThat(driver.findElement(By.id("sheet-field")).isDisplayed()).isFalse();
    assertThat(requestsTo("/jobs/inspect")).as("inspections: the workbook and its second sheet").isEqualTo(2);
  }

  @Test
  void aFileOverTheUploadLimitIsRefusedInTheBrowserBeforeAnythingIsSent() throws Exception {
    Application small = TestServices.start(Map.of("MAX_UPLOAD_MB", "1"));
    try {
      driver.get("http://127.0.0.1:" + small.httpPort() + "/");
      signUp(freshEmail());
      WebElement limit = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("drop-limit")));
      assertThat(limit.getText()).isEqualTo("Até 1 MB por arquivo");
      // 1.5 MB, named as a workbook: neither inspected nor uploaded.
      byte[] big = new byte[1536 * 1024];
      java.util.Arrays.fill(big, (byte) 'a');
      Path file = Files.write(Files.createTempDirectory("ghl-browser-big").resolve("grande.xlsx"), big);

      driver.findElement(By.id("file-input")).sendKeys(file.toString());

      WebElement banner = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
      assertThat(banner.getAttribute("data-code")).isEqualTo("payload_too_large");
      assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("Arquivo grande demais");
      assertThat(driver.findElement(By.id("error-detail")).getText()).isEqualTo("grande.xlsx tem 1,5 MB, e este"
          + " servidor aceita até 1 MB. Envie só as colunas de contato ou divida as linhas em arquivos menores;"
          + " se você mesmo hospeda o GHL Data, aumente MAX_UPLOAD_MB.");
      assertThat(driver.findElement(By.id("upload-button")).isEnabled()).isFalse();
      assertThat(driver.findElement(By.id("file-chosen")).isDisplayed()).isFalse();
      screenshot("upload-limit");
      assertThat(requestsTo("/jobs/inspect")).isZero();
      assertThat(uploadsSent()).isZero();
      assertThat(TestServices.column("SELECT count(*) FROM jobs")).containsExactly("0");
    } finally {
      small.close();
      driver.get(home);
    }
  }

  @Test
  void onAPhoneTheResultComesUpThePreviewShowsEmailAndPhoneAndDeleteIsApartFromTheDownloads() throws Exception {
    driver.manage().window().setSize(new Dimension(390, 844));
    try {
      JavascriptExecutor js = (JavascriptExecutor) driver;
      assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue()).as("a phone's width")
          .isLessThanOrEqualTo(390);
      signUp(freshEmail());
      driver.findElement(By.id("file-input")).sendKeys(resourcePath("/golden/generic-pt.csv").toString());
      clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button"))));

      WebElement detail = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("job-detail")));
      // After the upload the result is near the top, its heading focused, though on a phone it is laid
      // out far below the form and the list.
      wait(driver).until(d -> (Boolean) js.executeScript("const r = document.getElementById('detail-title')"
          + ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight / 2;"));
      assertThat(js.executeScript("return document.activeElement.id;")).isEqualTo("detail-title");
      wait(driver).until(ExpectedConditions.attributeToBe(detail, "data-status", "done"));

      WebElement table = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("#preview-table tbody tr"))).findElement(By.xpath("ancestor::table"));
      js.executeScript("arguments[0].scrollIntoView({block: 'center'});", table);
      List<String> headers = texts(table.findElements(By.cssSelector("thead th:not(.rownum)")));
      assertThat(headers.subList(0, 2)).containsExactly("Email", "Phone");
      @SuppressWarnings("unchecked")
      Map<String, Object> view = (Map<String, Object>) js.executeScript("""
          const cells = [...document.querySelectorAll('#preview-table thead th')];
          const scroller = document.querySelector('#preview .table-scroll');
          const box = scroller.getBoundingClientRect();
          const page = document.documentElement;
          // Within the page's width and not cut off by the table's own scroll box.
          const inView = (name) => {
            const r = cells.find((th) => th.textContent === name).getBoundingClientRect();
            return r.left >= Math.max(0, box.left) && r.right <= Math.min(page.clientWidth, box.right)
              && r.top >= 0 && r.bottom <= window.innerHeight;
          };
          return {email: inView('Email'), phone: inView('Phone'), pageWidth: page.scrollWidth,
            width: page.clientWidth, tableScrolled: scroller.scrollLeft};
          """);
      assertThat(view).containsEntry("email", true).containsEntry("phone", true).containsEntry("tableScrolled", 0L);
      assertThat(((Number) view.get("pageWidth")).intValue()).as("no sideways scrolling of the page")
          .isLessThanOrEqualTo(((Number) view.get("width")).intValue());
      assertThat(driver.findElement(By.id("preview-hint")).isDisplayed()).as("the other columns: a swipe away").isTrue();

      Object apart = js.executeScript("""
          const group = (id) => document.getElementById(id).closest('[role=group]');
          return group('delete-button') !== group('download-csv')
            && !group('download-csv').contains(document.getElementById('delete-button'));
          """);
      assertThat(apart).as("Excluir is not in the downloads' group").isEqualTo(true);
      WebElement delete = driver.findElement(By.id("delete-button"));
      WebElement download = driver.findElement(By.id("download-csv"));
      assertThat(delete.getRect().getY()).as("Excluir well below the downloads")
          .isGreaterThan(download.getRect().getY() + download.getRect().getHeight() + 100);
      screenshot("phone");
    } finally {
      driver.manage().window().setSize(new Dimension(1366, 900));
    }
  }

  /** Requests this page made to a path, as the browser's resource timing lists them. */
  private static long requestsTo(String path) {
    return ((Number) ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
        + ".filter((e) => new URL(e.name).pathname === arguments[0]).length;", path)).longValue();
  }

  /** Uploads this page sent: the only requests it makes with XMLHttpRequest (for their progress). */
  private static long uploadsSent() {
    return ((Number) ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
        + ".filter((e) => e.initiatorType === 'xmlhttprequest').length;")).longValue();
  }

  @Test
  void eachAccountSeesOnlyItsOwnConversions() throws Exception {
    String alice = freshEmail();
    signUp(alice);
    uploadAndWaitUntilDone("/golden/generic-pt.csv");
    screenshot("accounts-alice");

    signOut();
    assertThat(driver.findElements(By.cssSelector("#jobs-list [data-job-id]"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("generic-pt");
    // The session cookie is gone too, not just the page: a reload stays signed out.
    driver.navigate().refresh();
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
    assertSignedOut();

    String bob = freshEmail();
    signUp(bob);
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-empty")));
    assertThat(driver.findElements(By.cssSelector("#jobs-list [data-job-id]"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("generic-pt").doesNotContain(alice);
    screenshot("accounts-bob");

    signOut();
    signIn(alice, PASSWORD);
    WebElement job = wait(driver).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#jobs-list [data-job-id][data-status='done']")));
    assertThat(job.getText()).contains("generic-pt.csv");
    assertThat(driver.findElements(By.cssSelector("#jobs-list [data-job-id]"))).hasSize(1);
  }

  @Test
  void aWrongPasswordOrATooShortNewPasswordKeepsTheUserOnTheSignInPanel() throws Exception {
    String email = freshEmail();
    signUp(email);
    signOut();

    fillAuthForm(email, "not the right password");
    WebElement error = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-error")));
    assertThat(error.getAttribute("data-code")).isEqualTo("invalid_credentials");
    assertThat(error.getText()).isEqualTo("E-mail ou senha incorretos.");
    assertSignedOut();

    chooseLanguage("en");
    wait(driver).until(ExpectedConditions.textToBe(By.id("auth-error"), "Wrong email or password."));

    switchAuthMode("signup");
    fillAuthForm(freshEmail(), "short");
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-error"), "data-code", "weak_password"));
    assertThat(driver.findElement(By.id("auth-error")).getText()).contains("10");
    assertSignedOut();
    screenshot("auth-errors");
  }

  @Test
  void aSignedOutBrowserGoingStraightToTheAppSeesOnlyTheSignInPanel() throws Exception {
    driver.get(home + "#/jobs/" + UUID.randomUUID());
    driver.navigate().refresh();
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
    assertSignedOut();
    assertThat(driver.findElement(By.id("upload-button")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("jobs-list")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("job-detail")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("auth-panel")).getAttribute("data-mode")).isEqualTo("signin");
    assertThat(driver.findElement(By.id("auth-password")).getAttribute("autocomplete")).isEqualTo("current-password");
    screenshot("signed-out");
  }

  @Test
  void aSessionThatEndsUnderTheUserSendsThemBackToSignIn() {
    signUp(freshEmail());
    // What an expired session looks like to the page: the next call is answered 401.
    driver.manage().deleteAllCookies();
    clickWhenPossible(driver.findElement(By.id("jobs-refresh")));

    WebElement notice = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-notice")));
    assertThat(notice.getText()).isEqualTo("Sua sessão expirou. Entre novamente.");
    assertSignedOut();
    assertThat(driver.findElement(By.id("error-banner")).isDisplayed()).isFalse();
  }

  @Test
  void anEmptyFieldSaysItIsRequiredAndThePasswordCanBeShown() throws Exception {
    clickWhenPossible(driver.findElement(By.id("auth-submit")));
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-error"), "data-code", "email_required"));
    assertThat(driver.findElement(By.id("auth-error")).getText()).isEqualTo("O e-mail é obrigatório.");
    assertThat(driver.findElement(By.id("auth-email")).getAttribute("aria-invalid")).isEqualTo("true");

    driver.findElement(By.id("auth-email")).sendKeys(freshEmail());
    clickWhenPossible(driver.findElement(By.id("auth-submit")));
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-error"), "data-code", "password_required"));
    assertThat(driver.findElement(By.id("auth-error")).getText()).isEqualTo("A senha é obrigatória.");

    WebElement password = driver.findElement(By.id("auth-password"));
    WebElement toggle = driver.findElement(By.id("auth-password-toggle"));
    assertThat(password.getAttribute("type")).isEqualTo("password");
    assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
    clickWhenPossible(toggle);
    assertThat(password.getAttribute("type")).isEqualTo("text");
    assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(toggle.getText()).isEqualTo("Ocultar");
    clickWhenPossible(toggle);
    assertThat(password.getAttribute("type")).isEqualTo("password");
    screenshot("auth-required");
  }

  @Test
  void aForgottenPasswordIsReplacedThroughTheLinkAndTheLinkWorksOnce() throws Exception {
    String email = freshEmail();
    signUp(email);
    signOut();
    ch.qos.logback.classic.Logger mailer = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ResetMailer.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
        new ch.qos.logback.core.read.ListAppender<>();
    log.start();
    mailer.addAppender(log);
    String link;
    try {
      clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("auth-forgot"))));
      wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-panel"), "data-mode", "forgot"));
      assertThat(driver.findElement(By.id("auth-title")).getText()).isEqualTo("Esqueceu sua senha?");
      assertThat(driver.findElement(By.id("auth-password")).isDisplayed()).isFalse();
      driver.findElement(By.id("auth-email")).sendKeys(email);
      clickWhenPossible(driver.findElement(By.id("auth-submit")));

      WebElement notice = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-notice")));
      assertThat(notice.getText()).startsWith("Se houver uma conta com esse e-mail, enviamos um link");
      assertThat(driver.findElement(By.id("auth-panel")).getAttribute("data-mode")).isEqualTo("signin");
      String[] found = {null};
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> log.list.stream()
          .map(e -> e.getFormattedMessage()).filter(m -> m.contains(email) && m.contains("#reset="))
          .peek(m -> found[0] = m).findFirst().isPresent());
      link = found[0].substring(found[0].indexOf("http"));
    } finally {
      mailer.detachAppender(log);
    }

    driver.get(link);
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-panel"), "data-mode", "reset"));
    assertThat(driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("reset=");
    assertThat(driver.findElement(By.id("auth-title")).getText()).isEqualTo("Crie uma nova senha");
    assertThat(driver.findElement(By.id("auth-email")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("auth-password")).getAttribute("autocomplete")).isEqualTo("new-password");
    String newPassword = "a brand new long password";
    driver.findElement(By.id("auth-password")).sendKeys(newPassword);
    clickWhenPossible(driver.findElement(By.id("auth-submit")));
    wait(driver).until(ExpectedConditions.textToBe(By.id("auth-notice"), "Senha alterada. Entre com a nova senha."));
    screenshot("password-reset-done");

    signIn(email, newPassword);
    signOut();
    driver.get(link);
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-panel"), "data-mode", "reset"));
    driver.findElement(By.id("auth-password")).sendKeys("yet another long password");
    clickWhenPossible(driver.findElement(By.id("auth-submit")));
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("auth-error"), "data-code", "reset_token_invalid"));
    assertThat(driver.findElement(By.id("auth-error")).getText()).startsWith("Este link para criar uma nova senha não vale mais");
    assertThat(driver.findElement(By.id("auth-panel")).getAttribute("data-mode")).as("offers a new link").isEqualTo("forgot");
  }

  // --- accounts --------------------------------------------------------------------------------

  private static String freshEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  /** Creates an account through the auth panel and waits for its (empty) workspace. */
  private static void signUp(String email) {
    switchAuthMode("signup");
    assertThat(driver.findElement(By.id("auth-password")).getAttribute("autocomplete")).isEqualTo("new-password");
    fillAuthForm(email, PASSWORD);
    waitUntilSignedInAs(email);
  }

  private static void signIn(String email, String password) {
    switchAuthMode("signin");
    fillAuthForm(email, password);
    waitUntilSignedInAs(email);
  }

  private static void signOut() {
    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("signout-button"))));
    wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
    assertSignedOut();
  }

  private static void switchAuthMode(String mode) {
    WebElement panel = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-panel")));
    if (!mode.equals(panel.getAttribute("data-mode"))) {
      clickWhenPossible(driver.findElement(By.id("auth-mode-toggle")));
      wait(driver).until(ExpectedConditions.attributeToBe(panel, "data-mode", mode));
    }
  }

  private static void fillAuthForm(String email, String password) {
    WebElement emailInput = driver.findElement(By.id("auth-email"));
    emailInput.clear();
    emailInput.sendKeys(email);
    WebElement passwordInput = driver.findElement(By.id("auth-password"));
    passwordInput.clear();
    passwordInput.sendKeys(password);
    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("auth-submit"))));
  }

  private static void waitUntilSignedInAs(String email) {
    // textContent: a phone's top bar has no room to show the address.
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("user-email"), "textContent", email));
    assertThat(driver.findElement(By.id("auth-panel")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("signout-button")).isDisplayed()).isTrue();
    wait(driver).until(ExpectedConditions.attributeToBe(By.id("jobs-list"), "aria-busy", "false"));
  }

  private static void assertSignedOut() {
    assertThat(driver.findElement(By.id("auth-panel")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("app-view")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("user-menu")).isDisplayed()).isFalse();
  }

  private static void uploadAndWaitUntilDone(String resource) throws URISyntaxException {
    driver.findElement(By.id("file-input")).sendKeys(resourcePath(resource).toString());
    clickWhenPossible(wait(driver).until(ExpectedConditions.elementToBeClickable(By.id("upload-button"))));
    String name = Path.of(resource).getFileName().toString();
    WebElement job = wait(driver).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#jobs-list [data-job-id][data-status='done']")));
    assertThat(job.getText()).contains(name);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static WebDriverWait wait(WebDriver d) {
    return new WebDriverWait(d, WAIT);
  }

  /**
   * Clicks as a user would: with the element in the middle of the screen (WebDriver alone would
   * scroll it to the top edge, under the sticky top bar), trying again while a smooth scroll the
   * UI started is still moving things.
   */
  /** Picks a language in the header's switch (remembered in localStorage for the next visit). */
  private static void chooseLanguage(String value) {
    new Select(driver.findElement(By.id("lang-select"))).selectByValue(value);
  }

  private static void clickWhenPossible(WebElement element) {
    wait(driver).ignoring(ElementClickInterceptedException.class).until(d -> {
      ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  private static List<String> texts(List<WebElement> elements) {
    List<String> out = new ArrayList<>();
    for (WebElement e : elements) {
      out.add(e.getText());
    }
    return out;
  }

  /**
   * A picture of the whole page from its top, for a human to judge. Chrome's own full-page capture
   * (DevTools Page.captureScreenshot beyond the viewport), since WebDriver only shoots the viewport.
   */
  @SuppressWarnings("unchecked")
  private static void screenshot(String name) throws IOException {
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
        "width", ((Number) content.get("width")).doubleValue(),
        "height", Math.min(8000, ((Number) content.get("height")).doubleValue()));
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
    Path dir = Files.createDirectories(buildDir.resolve("browser-screenshots"));
    Files.write(dir.resolve(name + ".png"), png);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  private static List<CSVRecord> csv(byte[] bytes) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
      return parser.getRecords();
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = WebUiBrowserTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static Path resourcePath(String name) throws URISyntaxException {
    return Path.of(WebUiBrowserTest.class.getResource(name).toURI()).toAbsolutePath();
  }

  /** ${buildDir}: the parent of test-classes, so screenshots land beside this build's output. */
  private static Path buildDir() throws URISyntaxException {
    return Path.of(WebUiBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
  }
}
