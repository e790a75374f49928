package com.ghldata.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderMatcherTest {

  /**
   * Every column of every golden input file, with the field it is meant to feed ("-": unmapped).
   * The header rows are those of the real exports: Google Contacts (current and legacy), Outlook
   * desktop, HubSpot, Mailchimp, RD Station Marketing, Pipedrive in English and Portuguese, and two
   * hand-made sheets.
   */
  private static final String LAYOUTS = """
      google-current | First Name                   | FIRST_NAME
      google-current | Middle Name                  | -
      google-current | Last Name                    | LAST_NAME
      google-current | Phonetic First Name          | -
      google-current | Phonetic Middle Name         | -
      google-current | Phonetic Last Name           | -
      google-current | Name Prefix                  | -
      google-current | Name Suffix                  | -
      google-current | Nickname                     | -
      google-current | File As                      | -
      google-current | Organization Name            | COMPANY
      google-current | Organization Title           | -
      google-current | Organization Department      | -
      google-current | Birthday                     | DATE_OF_BIRTH
      google-current | Notes                        | NOTES
      google-current | Photo                        | -
      google-current | Labels                       | TAGS
      google-current | E-mail 1 - Label             | -
      google-current | E-mail 1 - Value             | EMAIL
      google-current | E-mail 2 - Label             | -
      google-current | E-mail 2 - Value             | EMAIL
      google-current | Phone 1 - Label              | -
      google-current | Phone 1 - Value              | PHONE
      google-current | Phone 2 - Label              | -
      google-current | Phone 2 - Value              | PHONE
      google-current | Address 1 - Label            | -
      google-current | Address 1 - Formatted        | -
      google-current | Address 1 - Street           | ADDRESS
      google-current | Address 1 - City             | CITY
      google-current | Address 1 - PO Box           | -
      google-current | Address 1 - Region           | STATE
      google-current | Address 1 - Postal Code      | POSTAL_CODE
      google-current | Address 1 - Country          | COUNTRY
      google-current | Address 1 - Extended Address | ADDRESS
      google-current | Website 1 - Label            | -
      google-current | Website 1 - Value            | WEBSITE
      google-current | Custom Field 1 - Label       | -
      google-current | Custom Field 1 - Value       | -

      google-legacy  | Name                             | FULL_NAME
      google-legacy  | Given Name                       | FIRST_NAME
      google-legacy  | Additional Name                  | -
      google-legacy  | Family Name                      | LAST_NAME
      google-legacy  | Yomi Name                        | -
      google-legacy  | Given Name Yomi                  | -
      google-legacy  | Additional Name Yomi             | -
      google-legacy  | Family Name Yomi                 | -
      google-legacy  | Name Prefix                      | -
      google-legacy  | Name Suffix                      | -
      google-legacy  | Initials                         | -
      google-legacy  | Nickname                         | -
      google-legacy  | Short Name                       | -
      google-legacy  | Maiden Name                      | -
      google-legacy  | Birthday                         | DATE_OF_BIRTH
      google-legacy  | Gender                           | -
      google-legacy  | Location                         | -
      google-legacy  | Billing Information              | -
      google-legacy  | Directory Server                 | -
      google-legacy  | Mileage                          | -
      google-legacy  | Occupation                       | -
      google-legacy  | Hobby                            | -
      google-legacy  | Sensitivity                      | -
      google-legacy  | Priority                         | -
      google-legacy  | Subject                          | -
      google-legacy  | Notes                            | NOTES
      google-legacy  | Language                         | -
      google-legacy  | Photo                            | -
      google-legacy  | Group Membership                 | TAGS
      google-legacy  | E-mail 1 - Type                  | -
      google-legacy  | E-mail 1 - Value                 | EMAIL
      google-legacy  | E-mail 2 - Type                  | -
      google-legacy  | E-mail 2 - Value                 | EMAIL
      google-legacy  | Phone 1 - Type                   | -
      google-legacy  | Phone 1 - Value                  | PHONE
      google-legacy  | Phone 2 - Type                   | -
      google-legacy  | Phone 2 - Value                  | PHONE
      google-legacy  | Address 1 - Type                 | -
      google-legacy  | Address 1 - Formatted            | -
      google-legacy  | Address 1 - Street               | ADDRESS
      google-legacy  | Address 1 - City                 | CITY
      google-legacy  | Address 1 - PO Box               | -
      google-legacy  | Address 1 - Region               | STATE
      google-legacy  | Address 1 - Postal Code          | POSTAL_CODE
      google-legacy  | Address 1 - Country              | COUNTRY
      google-legacy  | Address 1 - Extended Address     | ADDRESS
      google-legacy  | Organization 1 - Type            | -
      google-legacy  | Organization 1 - Name            | COMPANY
      google-legacy  | Organization 1 - Yomi Name       | -
      google-legacy  | Organization 1 - Title           | -
      google-legacy  | Organization 1 - Department      | -
      google-legacy  | Organization 1 - Symbol          | -
      google-legacy  | Organization 1 - Location        | -
      google-legacy  | Organization 1 - Job Description | -
      google-legacy  | Website 1 - Type                 | -
      google-legacy  | Website 1 - Value                | WEBSITE

      outlook        | Title                    | -
      outlook        | First Name               | FIRST_NAME
      outlook        | Middle Name              | -
      outlook        | Last Name                | LAST_NAME
      outlook        | Suffix                   | -
      outlook        | Company                  | COMPANY
      outlook        | Department               | -
      outlook        | Job Title                | -
      outlook        | Business Street          | ADDRESS
      outlook        | Business Street 2        | ADDRESS
      outlook        | Business Street 3        | ADDRESS
      outlook        | Business City            | CITY
      outlook        | Business State           | STATE
      outlook        | Business Postal Code     | POSTAL_CODE
      outlook        | Business Country/Region  | COUNTRY
      outlook        | Home Street              | ADDRESS
      outlook        | Home Street 2            | ADDRESS
      outlook        | Home Street 3            | ADDRESS
      outlook        | Home City                | CITY
      outlook        | Home State               | STATE
      outlook        | Home Postal Code         | POSTAL_CODE
      outlook        | Home Country/Region      | COUNTRY
      outlook        | Other Street             | ADDRESS
      outlook        | Other Street 2           | ADDRESS
      outlook        | Other Street 3           | ADDRESS
      outlook        | Other City               | CITY
      outlook        | Other State              | STATE
      outlook        | Other Postal Code        | POSTAL_CODE
      outlook        | Other Country/Region     | COUNTRY
      outlook        | Assistant's Phone        | -
      outlook        | Business Fax             | -
      outlook        | Business Phone           | PHONE
      outlook        | Business Phone 2         | PHONE
      outlook        | Callback                 | -
      outlook        | Car Phone                | PHONE
      outlook        | Company Main Phone       | PHONE
      outlook        | Home Fax                 | -
      outlook        | Home Phone               | PHONE
      outlook        | Home Phone 2             | PHONE
      outlook        | ISDN                     | -
      outlook        | Mobile Phone             | PHONE
      outlook        | Other Fax                | -
      outlook        | Other Phone              | PHONE
      outlook        | Pager                    | -
      outlook        | Primary Phone            | PHONE
      outlook        | Radio Phone              | -
      outlook        | TTY/TDD Phone            | -
      outlook        | Telex                    | -
      outlook        | Account                  | -
      outlook        | Anniversary              | -
      outlook        | Assistant's Name         | -
      outlook        | Billing Information      | -
      outlook        | Birthday                 | DATE_OF_BIRTH
      outlook        | Business Address PO Box  | -
      outlook        | Categories               | TAGS
      outlook        | Children                 | -
      outlook        | Directory Server         | -
      outlook        | E-mail Address           | EMAIL
      outlook        | E-mail Type              | -
      outlook        | E-mail Display Name      | -
      outlook        | E-mail 2 Address         | EMAIL
      outlook        | E-mail 2 Type            | -
      outlook        | E-mail 2 Display Name    | -
      outlook        | E-mail 3 Address         | EMAIL
      outlook        | E-mail 3 Type            | -
      outlook        | E-mail 3 Display Name    | -
      outlook        | Gender                   | -
      outlook        | Government ID Number     | -
      outlook        | Hobby                    | -
      outlook        | Home Address PO Box      | -
      outlook        | Initials                 | -
      outlook        | Internet Free Busy       | -
      outlook        | Keywords                 | -
      outlook        | Language                 | -
      outlook        | Location                 | -
      outlook        | Manager's Name           | -
      outlook        | Mileage                  | -
      outlook        | Notes                    | NOTES
      outlook        | Office Location          | -
      outlook        | Organizational ID Number | -
      outlook        | Other Address PO Box     | -
      outlook        | Priority                 | -
      outlook        | Private                  | -
      outlook        | Profession               | -
      outlook        | Referred By              | -
      outlook        | Sensitivity              | -
      outlook        | Spouse                   | -
      outlook        | User 1                   | -
      outlook        | User 2                   | -
      outlook        | User 3                   | -
      outlook        | User 4                   | -
      outlook        | Web Page                 | WEBSITE

      hubspot        | Record ID                    | -
      hubspot        | First Name                   | FIRST_NAME
      hubspot        | Last Name                    | LAST_NAME
      hubspot        | Email                        | EMAIL
      hubspot        | Phone Number                 | PHONE
      hubspot        | Mobile Phone Number          | PHONE
      hubspot        | WhatsApp Phone Number        | PHONE
      hubspot        | Company Name                 | COMPANY
      hubspot        | Job Title                    | -
      hubspot        | Street Address               | ADDRESS
      hubspot        | City                         | CITY
      hubspot        | State/Region                 | STATE
      hubspot        | Postal Code                  | POSTAL_CODE
      hubspot        | Country/Region               | COUNTRY
      hubspot        | Website URL                  | WEBSITE
      hubspot        | Date of birth                | DATE_OF_BIRTH
      hubspot        | Time Zone                    | TIMEZONE
      hubspot        | Lifecycle Stage              | -
      hubspot        | Lead Status                  | -
      hubspot        | Contact owner                | -
      hubspot        | Original Source              | SOURCE
      hubspot        | Original Source Drill-Down 1 | -
      hubspot        | Associated Company           | -
      hubspot        | Email Domain                 | -
      hubspot        | Marketing contact status     | -
      hubspot        | Create Date                  | -
      hubspot        | Last Activity Date           | -

      mailchimp      | Email Address | EMAIL
      mailchimp      | First Name    | FIRST_NAME
      mailchimp      | Last Name     | LAST_NAME
      mailchimp      | Address       | ADDRESS
      mailchimp      | Phone Number  | PHONE
      mailchimp      | Birthday      | DATE_OF_BIRTH
      mailchimp      | Company       | COMPANY
      mailchimp      | MEMBER_RATING | -
      mailchimp      | OPTIN_TIME    | -
      mailchimp      | OPTIN_IP      | -
      mailchimp      | CONFIRM_TIME  | -
      mailchimp      | CONFIRM_IP    | -
      mailchimp      | LATITUDE      | -
      mailchimp      | LONGITUDE     | -
      mailchimp      | GMTOFF        | -
      mailchimp      | DSTOFF        | -
      mailchimp      | TIMEZONE      | TIMEZONE
      mailchimp      | CC            | -
      mailchimp      | REGION        | STATE
      mailchimp      | LAST_CHANGED  | -
      mailchimp      | LEID          | -
      mailchimp      | EUID          | -
      mailchimp      | NOTES         | NOTES
      mailchimp      | TAGS          | TAGS

      rdstation      | Email                             | EMAIL
      rdstation      | Nome                              | FULL_NAME
      rdstation      | Telefone                          | PHONE
      rdstation      | Celular                           | PHONE
      rdstation      | Facebook                          | -
      rdstation      | Twitter                           | -
      rdstation      | Linkedin                          | -
      rdstation      | Website                           | WEBSITE
      rdstation      | Cargo                             | -
      rdstation      | Empresa                           | COMPANY
      rdstation      | País                              | COUNTRY
      rdstation      | Estado                            | STATE
      rdstation      | Cidade                            | CITY
      rdstation      | Biografia                         | -
      rdstation      | Estágio no funil                  | -
      rdstation      | Dono do Lead                      | -
      rdstation      | Data da última oportunidade       | -
      rdstation      | Data da última venda              | -
      rdstation      | Valor da última venda             | -
      rdstation      | Lead Scoring - Perfil             | -
      rdstation      | Lead Scoring - Interesse          | -
      rdstation      | Status para comunicação por email | -
      rdstation      | Tags                              | TAGS
      rdstation      | URL pública                       | -
      rdstation      | Data de aniversário               | DATE_OF_BIRTH
      rdstation      | Base legal para comunicação       | -
      rdstation      | Total de conversões               | -
      rdstation      | Data da primeira conversão        | -
      rdstation      | Origem da primeira conversão      | SOURCE
      rdstation      | Data da última conversão          | -
      rdstation      | Origem da última conversão        | -
      rdstation      | Eventos (Últimos 100)             | -

      pipedrive-en   | Person - ID                 | -
      pipedrive-en   | Person - Name               | FULL_NAME
      pipedrive-en   | Person - First name         | FIRST_NAME
      pipedrive-en   | Person - Last name          | LAST_NAME
      pipedrive-en   | Person - Labels             | TAGS
      pipedrive-en   | Person - Organization       | COMPANY
      pipedrive-en   | Person - Email - Work       | EMAIL
      pipedrive-en   | Person - Email - Home       | EMAIL
      pipedrive-en   | Person - Email - Other      | EMAIL
      pipedrive-en   | Person - Phone - Work       | PHONE
      pipedrive-en   | Person - Phone - Home       | PHONE
      pipedrive-en   | Person - Phone - Mobile     | PHONE
      pipedrive-en   | Person - Phone - Other      | PHONE
      pipedrive-en   | Person - Job title          | -
      pipedrive-en   | Person - Owner              | -
      pipedrive-en   | Person - Open deals         | -
      pipedrive-en   | Person - Closed deals       | -
      pipedrive-en   | Person - Next activity date | -
      pipedrive-en   | Person - Person created     | -
      pipedrive-en   | Person - Update time        | -
      pipedrive-en   | Person - Visible to         | -
      pipedrive-en   | Person - Marketing status   | -
      pipedrive-en   | Person - City               | CITY
      pipedrive-en   | Person - State              | STATE
      pipedrive-en   | Person - Website            | WEBSITE
      pipedrive-en   | Person - Birthday           | DATE_OF_BIRTH

      pipedrive-pt   | Pessoa - ID                     | -
      pipedrive-pt   | Pessoa - Nome                   | FULL_NAME
      pipedrive-pt   | Pessoa - Primeiro nome          | FIRST_NAME
      pipedrive-pt   | Pessoa - Sobrenome              | LAST_NAME
      pipedrive-pt   | Pessoa - Etiqueta               | TAGS
      pipedrive-pt   | Pessoa - Organização            | COMPANY
      pipedrive-pt   | Pessoa - E-mail - Trabalho      | EMAIL
      pipedrive-pt   | Pessoa - E-mail - Residencial   | EMAIL
      pipedrive-pt   | Pessoa - E-mail - Outro         | EMAIL
      pipedrive-pt   | Pessoa - Telefone - Trabalho    | PHONE
      pipedrive-pt   | Pessoa - Telefone - Residencial | PHONE
      pipedrive-pt   | Pessoa - Telefone - Celular     | PHONE
      pipedrive-pt   | Pessoa - Telefone - Outro       | PHONE
      pipedrive-pt   | Pessoa - Cargo                  | -
      pipedrive-pt   | Pessoa - Proprietário           | -
      pipedrive-pt   | Pessoa - Negócios abertos       | -
      pipedrive-pt   | Pessoa - Negócios fechados      | -
      pipedrive-pt   | Pessoa - Pessoa criada          | -
      pipedrive-pt   | Pessoa - Visível para           | -
      pipedrive-pt   | Pessoa - CPF                    | -
      pipedrive-pt   | Pessoa - Cidade                 | CITY
      pipedrive-pt   | Pessoa - Estado                 | STATE
      pipedrive-pt   | Pessoa - Data de nascimento     | DATE_OF_BIRTH

      generic-pt     | Nome               | FULL_NAME
      generic-pt     | Telefone           | PHONE
      generic-pt     | E-mail             | EMAIL
      generic-pt     | Empresa            | COMPANY
      generic-pt     | Cidade             | CITY
      generic-pt     | UF                 | STATE
      generic-pt     | CEP                | POSTAL_CODE
      generic-pt     | Data de Nascimento | DATE_OF_BIRTH
      generic-pt     | Tags               | TAGS

      generic-es     | Nombre              | FULL_NAME
      generic-es     | Apellidos           | LAST_NAME
      generic-es     | Correo electrónico  | EMAIL
      generic-es     | Teléfono            | PHONE
      generic-es     | Móvil               | PHONE
      generic-es     | Empresa             | COMPANY
      generic-es     | Cargo               | -
      generic-es     | Dirección           | ADDRESS
      generic-es     | Ciudad              | CITY
      generic-es     | Provincia           | STATE
      generic-es     | Código Postal       | POSTAL_CODE
      generic-es     | País                | COUNTRY
      generic-es     | Etiquetas           | TAGS
      generic-es     | Fecha de nacimiento | DATE_OF_BIRTH
      generic-es     | Fuente              | SOURCE
      generic-es     | Sitio web           | WEBSITE
      generic-es     | Notas               | NOTES
      """;

  private static final Map<String, Character> DELIMITERS = Map.of("generic-pt", ';');

  static Stream<Arguments> layoutColumns() {
    return layoutTable().stream().map(row -> Arguments.of(row[0], row[1], row[2]));
  }

  @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
  @MethodSource("layoutColumns")
  void everyColumnOfTheExportLayoutsFeedsTheIntendedField(String layout, String header, String expected) {
    assertThat(HeaderMatcher.match(header)).isEqualTo(field(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void theTableCoversEveryColumnOfEachGoldenFileInOrder(String layout) throws IOException {
    List<String> expected = new ArrayList<>();
    for (String[] row : layoutTable()) {
      if (row[0].equals(layout)) {
        expected.add(row[1]);
      }
    }
    assertThat(headerRowOf(layout)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void theHeaderRowOfEachGoldenFileOutscoresEveryDataRow(String layout) throws IOException {
    List<String[]> rows = rowsOf(layout);
    int headerScore = HeaderMatcher.score(rows.get(0));
    assertThat(headerScore).isGreaterThanOrEqualTo(5);
    for (String[] row : rows.subList(1, rows.size())) {
      assertThat(HeaderMatcher.score(row)).isLessThan(headerScore);
    }
  }

  static Stream<String> goldenFiles() {
    return layoutTable().stream().map(row -> row[0]).distinct();
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # Portuguese, English and Spanish synonyms, any case, accents and punctuation
      NOME                          | FULL_NAME
      Nome completo                 | FULL_NAME
      nombre                        | FULL_NAME
      Full Name                     | FULL_NAME
      Contato                       | FULL_NAME
      Cliente                       | FULL_NAME
      Primeiro Nome                 | FIRST_NAME
      first_name                    | FIRST_NAME
      FirstName                     | FIRST_NAME
      Nombre de pila                | FIRST_NAME
      Given name                    | FIRST_NAME
      Sobrenome                     | LAST_NAME
      Último nome                   | LAST_NAME
      Surname                       | LAST_NAME
      Apellido                      | LAST_NAME
      Apellidos                     | LAST_NAME
      E-mail                        | EMAIL
      e mail                        | EMAIL
      EMAIL*                        | EMAIL
      Correo electrónico            | EMAIL
      Endereço de e-mail            | EMAIL
      E-mail 2                      | EMAIL
      email_address                 | EMAIL
      Telefone                      | PHONE
      Tel.                          | PHONE
      Fone                          | PHONE
      Celular                       | PHONE
      WhatsApp                      | PHONE
      Whats                         | PHONE
      Zap                           | PHONE
      Cel                           | PHONE
      Móvil                         | PHONE
      Teléfono                      | PHONE
      Mobile Phone                  | PHONE
      Cell                          | PHONE
      Telefone 2                    | PHONE
      Telefone comercial            | PHONE
      Celular/WhatsApp              | PHONE
      Celular (com DDD)             | PHONE
      Nº do WhatsApp                | PHONE
      N° do celular                 | PHONE
      Número do WhatsApp            | PHONE
      Razão Social                  | COMPANY
      Nome Fantasia                 | COMPANY
      Organização                   | COMPANY
      Compañía                      | COMPANY
      Logradouro                    | ADDRESS
      Rua                           | ADDRESS
      Número                        | ADDRESS
      Complemento                   | ADDRESS
      Bairro                        | ADDRESS
      Calle                         | ADDRESS
      Address Line 2                | ADDRESS
      Município                     | CITY
      Ciudad                        | CITY
      UF                            | STATE
      Estado/UF                     | STATE
      Provincia                     | STATE
      CEP                           | POSTAL_CODE
      Zip Code                      | POSTAL_CODE
      Código Postal                 | POSTAL_CODE
      Pais                          | COUNTRY
      Etiquetas                     | TAGS
      Marcadores                    | TAGS
      Grupos                        | TAGS
      Lead Source                   | SOURCE
      Fonte                         | SOURCE
      Fuente                        | SOURCE
      Aniversário                   | DATE_OF_BIRTH
      Data de Nascimento (dd/mm/aaaa) | DATE_OF_BIRTH
      DOB                           | DATE_OF_BIRTH
      Fecha de nacimiento           | DATE_OF_BIRTH
      Site                          | WEBSITE
      URL                           | WEBSITE
      Página web                    | WEBSITE
      Fuso horário                  | TIMEZONE
      Zona horaria                  | TIMEZONE
      Obs.                          | NOTES
      Observações                   | NOTES
      Comentários                   | NOTES
      Seu e-mail                    | EMAIL
      Your name                     | FULL_NAME
      Address1                      | ADDRESS
      Mailing City                  | CITY
      Mailing State/Province        | STATE
      Default Address Zip           | POSTAL_CODE
      # Look-alikes that must stay unmapped
      Estado civil                  | -
      Tipo de telefone              | -
      Phone 1 - Type                | -
      Phone 1 - Label               | -
      E-mail 1 - Type               | -
      E-mail 1 - Label              | -
      E-mail Display Name           | -
      Email Domain                  | -
      Cargo                         | -
      Job Title                     | -
      Apelido                       | -
      Nome da mãe                   | -
      Nome do meio                  | -
      Middle Name                   | -
      Phonetic First Name           | -
      Given Name Yomi               | -
      Anniversary                   | -
      Data de cadastro              | -
      Região                        | -
      IP Address                    | -
      Home Address                  | -
      Address 1 - Formatted         | -
      Person - Postal address       | -
      Assistant's Phone             | -
      Business Fax                  | -
      DDD                           | -
      Ramal                         | -
      CPF                           | -
      Country Code                  | -
      Contact owner                 | -
      Latest Source                 | -
      IP Timezone                   | -
      Organization 1 - Title        | -
      Organization 1 - Yomi Name    | -
      URL pública                   | -
      Cidade/UF                     | -
      Tipo de cliente               | -
      Person - Owner                | -
      Nº                            | -
      7                             | -
      ""                            | -
      """)
  void recognisesHeadersAndLeavesLookAlikesUnmapped(String header, String expected) {
    assertThat(HeaderMatcher.match(header)).isEqualTo(field(expected));
  }

  @Test
  void aNullHeaderIsUnmapped() {
    assertThat(HeaderMatcher.match(null)).isNull();
  }

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      E-mail 1 - Value          | e mail 1 value
      "  Endereço/Nº  "         | endereco no
      ORGANIZAÇÃO               | organizacao
      Código   Postal           | codigo postal
      TTY/TDD Phone             | tty tdd phone
      Assistant's Phone         | assistant s phone
      first_name                | first name
      Telefone (com DDD)        | telefone com ddd
      Año de nacimiento         | ano de nacimiento
      ""                        | ""
      """)
  void normalizesAccentsCasePunctuationAndSpacing(String header, String expected) {
    assertThat(HeaderMatcher.normalize(header)).isEqualTo(expected);
  }

  @Test
  void normalizesAwayTheByteOrderMarkExcelLeavesOnTheFirstHeader() {
    assertThat(HeaderMatcher.normalize("\uFEFFEmail")).isEqualTo("email");
    assertThat(HeaderMatcher.match("\uFEFFNome")).isEqualTo(Field.FULL_NAME);
  }

  @Test
  void normalizesNullToEmpty() {
    assertThat(HeaderMatcher.normalize(null)).isEmpty();
  }

  @Test
  void scoresARowByItsRecognisedHeaders() {
    assertThat(HeaderMatcher.score(new String[] {"Nome", "Telefone", "Estado civil", "", null, "CEP"}))
        .isEqualTo(3);
  }

  @Test
  void scoresATitleRowAndADataRowBelowTheHeaderRow() {
    String[] title = {"Relatório de clientes - março/2024", "", ""};
    String[] header = {"Nome", "E-mail", "Celular"};
    String[] data = {"MARIA DA SILVA", "maria@gmail.com", "(11) 98765-4321"};

    assertThat(HeaderMatcher.score(title)).isZero();
    assertThat(HeaderMatcher.score(data)).isZero();
    assertThat(HeaderMatcher.score(header)).isEqualTo(3);
  }

  @Test
  void aTemplatePlaceholderNamesNoFieldEvenWhenItsInsideDoes() {
    assertThat(HeaderMatcher.match("${nome}")).isNull();
    assertThat(HeaderMatcher.match("{{email}}")).isNull();
    assertThat(HeaderMatcher.match("\u00ABTelefone\u00BB")).isNull();
    assertThat(HeaderMatcher.score(new String[] {"${Employee.Name}", "${Employee.Email}", "${Employee.Phone}"}))
        .isZero();
  }

  @Test
  void scoresANullRowAsZero() {
    assertThat(HeaderMatcher.score(null)).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private static Field field(String name) {
    return name == null || name.equals("-") ? null : Field.valueOf(name);
  }

  private static List<String[]> layoutTable() {
    List<String[]> rows = new ArrayList<>();
    for (String line : LAYOUTS.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\\|");
      rows.add(new String[] {cells[0].trim(), cells[1].trim(), cells[2].trim()});
    }
    return rows;
  }

  private static List<String> headerRowOf(String layout) throws IOException {
    List<String> header = new ArrayList<>();
    for (String cell : rowsOf(layout).get(0)) {
      header.add(cell);
    }
    return header;
  }

  private static List<String[]> rowsOf(String layout) throws IOException {
    String resource = "/golden/" + layout + ".csv";
    try (InputStream in = HeaderMatcherTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      CSVFormat format = CSVFormat.RFC4180.builder()
          .setDelimiter(DELIMITERS.getOrDefault(layout, ','))
          .get();
      List<String[]> rows = new ArrayList<>();
      try (CSVParser parser = CSVParser.parse(reader, format)) {
        for (CSVRecord record : parser) {
          rows.add(record.values());
        }
      }
      String first = rows.get(0)[0];
      if (first.startsWith("\uFEFF")) {
        rows.get(0)[0] = first.substring(1);
      }
      return rows;
    }
  }
}
