package com.ghldata.engine.mapping;

import com.ghldata.engine.normalize.NotAName;
import com.ghldata.engine.normalize.TextCleaner;
import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognises a column header as a contact field: Portuguese, English and Spanish synonyms, plus the
 * headers of the exports people actually upload (Google Contacts current and legacy, Outlook,
 * HubSpot, Mailchimp, RD Station, Pipedrive in English and Portuguese).
 *
 * <p>Matching is exact on the {@linkplain #normalize normalized} header, never by substring: {@code
 * estado civil} must not become State nor {@code tipo de telefone} Phone, and a substring rule
 * cannot tell those apart. Structured export headers are reduced before the lookup instead:
 * numbers are dropped ({@code Phone 2 - Value} is looked up as {@code phone value}), and a record
 * prefix ({@code Person - }, {@code Pessoa - }) or a possessive ({@code Seu nome}) is stripped.
 *
 * <p>Where a layout exports both a combined address and its parts (Google's {@code Address 1 -
 * Formatted}, Outlook's {@code Home Address}, Pipedrive's {@code Postal address}), only the parts
 * map, so the engine never joins the same street twice. A lone address column ({@code Endereço},
 * Mailchimp's {@code Address}) maps.
 */
public final class HeaderMatcher {

  /** Normalized header to field, built once; every key is itself in normalized form. */
  private static final Map<String, Field> SYNONYMS = buildSynonyms();

  /**
   * Leading words that say whose value a column holds, not what it is: Pipedrive's record prefix
   * ({@code Person - Email - Work}) and web-form possessives ({@code Seu e-mail}, {@code Your name}).
   */
  private static final List<String> OWNER_PREFIXES =
      List.of("person ", "pessoa ", "persona ", "seu ", "sua ", "your ", "tu ", "su ");

  private HeaderMatcher() {}

  /**
   * The field a header names, or null when it names none we use. A template placeholder ({@code
   * ${name}}, {@code {{email}}}) names none: a row of them is a report template's data row, not a
   * header.
   */
  public static Field match(String header) {
    if (header == null || NotAName.isPlaceholder(TextCleaner.clean(header))) {
      return null;
    }
    Field field = lookup(normalize(header));
    if (field == null) {
      // "Celular (com DDD)", "Data de Nascimento (dd/mm/aaaa)": the part before the note decides.
      int paren = header.indexOf('(');
      if (paren > 0) {
        field = lookup(normalize(header.substring(0, paren)));
      }
    }
    return field;
  }

  /**
   * How many cells of a row are recognised headers. The engine compares rows by this score to find
   * the header row below any title lines a spreadsheet starts with.
   */
  public static int score(String[] row) {
    if (row == null) {
      return 0;
    }
    int score = 0;
    for (String cell : row) {
      if (cell != null && !cell.isBlank() && match(cell) != null) {
        score++;
      }
    }
    return score;
  }

  /**
   * The header without accents, lower-cased, with every run of characters other than letters and
   * digits turned into one space, trimmed: {@code " E-mail 1 - Value"} is {@code "e mail 1 value"},
   * {@code "Endereço/Nº"} is {@code "endereco no"}. "" for null.
   *
   * <p>NFKD rather than NFD so that compatibility forms fold too: the ordinal in {@code Nº}, full-width
   * letters, ligatures.
   */
  public static String normalize(String header) {
    if (header == null) {
      return "";
    }
    String text = isAscii(header) ? header : Normalizer.normalize(header, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        out.appendCodePoint(Character.toLowerCase(cp));
      } else if (!isCombiningMark(cp)) {
        // A combining mark is what is left of an accent after decomposition: drop it without
        // splitting the word. Anything else separates words.
        pendingSpace = true;
      }
    }
    return out.toString();
  }

  private static Field lookup(String normalized) {
    if (normalized.isEmpty()) {
      return null;
    }
    Field field = lookupWithoutNumbers(normalized);
    if (field != null) {
      return field;
    }
    for (String prefix : OWNER_PREFIXES) {
      if (normalized.startsWith(prefix)) {
        return lookupWithoutNumbers(normalized.substring(prefix.length()));
      }
    }
    return null;
  }

  /** Looks the header up as it is, then with its numbers dropped ({@code phone 2 value}). */
  private static Field lookupWithoutNumbers(String normalized) {
    Field field = SYNONYMS.get(normalized);
    if (field != null) {
      return field;
    }
    String reduced = dropNumbers(normalized);
    return reduced.isEmpty() || reduced.equals(normalized) ? null : SYNONYMS.get(reduced);
  }

  /**
   * Drops the index of a repeated column: whole-number words ({@code e mail 2 address}) and digits
   * glued to the end of a word ({@code address1}, {@code telefone2}).
   */
  static String dropNumbers(String normalized) {
    StringBuilder out = new StringBuilder(normalized.length());
    int start = 0;
    while (start < normalized.length()) {
      int end = normalized.indexOf(' ', start);
      if (end < 0) {
        end = normalized.length();
      }
      int wordEnd = end;
      while (wordEnd > start && isAsciiDigit(normalized.charAt(wordEnd - 1))) {
        wordEnd--;
      }
      if (wordEnd > start) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(normalized, start, wordEnd);
      }
      start = end + 1;
    }
    return out.toString();
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  // ---------------------------------------------------------------------------------------------
  // The synonym table. Written in ordinary spelling (accents, hyphens, capitals) so it reads like
  // the headers it matches; every entry is normalized on the way in.

  private static Map<String, Field> buildSynonyms() {
    Table t = new Table();

    t.add(Field.FULL_NAME,
        "nome", "name", "nombre", "nome completo", "full name", "fullname", "nombre completo",
        "contato", "contact", "contacto", "cliente", "contact name", "nome do contato",
        "nome do cliente", "nome do lead", "lead name", "nome e sobrenome", "nombre y apellido",
        "nombre y apellidos", "display name", "nombre del contacto", "nome social");

    t.add(Field.FIRST_NAME,
        "primeiro nome", "first name", "firstname", "first", "fname", "given name",
        "nombre de pila", "primer nombre", "nombres", "prenome", "forename");

    // Not "apelido": in Portuguese that is a nickname, only the Spanish "apellido" is a surname.
    t.add(Field.LAST_NAME,
        "sobrenome", "sobrenomes", "último nome", "last name", "lastname", "last", "lname",
        "surname", "family name", "apellido", "apellidos", "primer apellido", "segundo apellido");

    t.add(Field.EMAIL,
        "email", "e-mail", "e mail", "emails", "e-mails", "mail", "correo", "correo electrónico",
        "correo-e", "email address", "e-mail address", "endereço de email", "endereço de e-mail",
        "endereço eletrônico", "dirección de correo", "dirección de correo electrónico",
        "email principal", "primary email", "secondary email", "email secundário");

    t.add(Field.PHONE,
        "telefone", "telefones", "tel", "tel.", "fone", "fones", "celular", "celulares", "cel",
        "whatsapp", "whats", "whats app", "wpp", "zap", "phone", "phones", "mobile", "cell",
        "telephone", "cellphone", "teléfono", "telefonos", "móvil", "movil", "telemóvel",
        "phone number", "telephone number", "mobile phone number", "mobile number",
        "cell phone number", "whatsapp phone number", "whatsapp number", "número do whatsapp",
        "número de whatsapp", "número de telefone", "número do telefone", "número de celular",
        "número do celular", "número de teléfono", "número de móvil", "contact number",
        "telefone com ddd", "celular com ddd", "ddd telefone", "ddd celular", "ddd + telefone",
        "ddd + celular", "celular whatsapp", "whatsapp celular", "telefone whatsapp",
        "company main phone", "car phone");
    // The kind of a phone or e-mail comes before it in English ("Work Phone") and after it in
    // Portuguese, Spanish and Pipedrive ("Telefone Celular", "Phone - Mobile"): both orders.
    // "Value", "number" and "address" only ever follow ("Phone 1 - Value", "E-mail 2 Address").
    for (String base : List.of(
        "phone", "telephone", "tel", "fone", "telefone", "teléfono", "celular", "cel", "mobile", "cell")) {
      for (String kind : List.of(
          "work", "home", "mobile", "other", "business", "primary", "main", "personal", "private",
          "office", "cell", "trabalho", "residencial", "casa", "celular", "outro", "comercial",
          "fixo", "pessoal", "principal", "móvel", "trabajo", "móvil", "otro", "particular",
          "oficina", "fijo", "whatsapp")) {
        t.add(Field.PHONE, base + " " + kind);
        t.add(Field.PHONE, kind + " " + base);
      }
      for (String suffix : List.of("value", "number", "no")) {
        t.add(Field.PHONE, base + " " + suffix);
      }
    }
    // "Número do WhatsApp", "Nº de celular", "N° telefone". Not a bare "Nº": that is a row counter.
    for (String number : List.of("número", "nº", "n°", "num", "nro")) {
      for (String link : List.of(" ", " do ", " de ", " da ")) {
        for (String base : List.of("telefone", "celular", "whatsapp", "fone", "tel", "zap", "cel")) {
          t.add(Field.PHONE, number + link + base);
        }
      }
    }
    for (String base : List.of("email", "e-mail", "mail", "correo", "correo electrónico")) {
      for (String kind : List.of(
          "work", "home", "other", "personal", "business", "primary", "secondary", "private",
          "office", "main", "alternative", "alternate", "trabalho", "residencial", "casa", "outro",
          "pessoal", "comercial", "corporativo", "principal", "secundário", "alternativo",
          "particular", "trabajo", "otro", "oficina")) {
        t.add(Field.EMAIL, base + " " + kind);
        t.add(Field.EMAIL, kind + " " + base);
      }
      for (String suffix : List.of("value", "address")) {
        t.add(Field.EMAIL, base + " " + suffix);
      }
    }

    t.add(Field.COMPANY,
        "empresa", "company", "company name", "companhia", "compañía", "organização",
        "organization", "organisation", "organization name", "organização nome", "razão social",
        "nome fantasia", "nome da empresa", "nombre de la empresa", "nombre empresa",
        "account name", "business name", "employer");

    // A lone address column, or one part of the street line (number, complement, district), which
    // the engine joins. Combined addresses of layouts that also export the parts are left out (see
    // the class comment).
    t.add(Field.ADDRESS,
        "endereço", "endereço completo", "endereço residencial", "endereço comercial", "logradouro",
        "rua", "número", "complemento", "bairro", "address", "street",
        "street address", "address line", "mailing address", "full address", "dirección",
        "dirección completa", "domicilio", "calle", "barrio", "colonia", "house number",
        "street road name", "apartment suite no", "district sublocality");
    t.add(Field.CITY,
        "cidade", "city", "ciudad", "município", "localidade", "localidad", "town",
        "city town village locality");
    // Not the Portuguese "região" (Sudeste, Nordeste): it names a group of states, not a state.
    t.add(Field.STATE,
        "uf", "estado", "state", "estado/uf", "uf/estado", "sigla uf", "sigla do estado",
        "provincia", "province", "region", "state/region", "state/province", "state/county");
    t.add(Field.POSTAL_CODE,
        "cep", "zip", "zip code", "zipcode", "postal code", "postcode", "código postal",
        "zip/postal code");
    t.add(Field.COUNTRY, "país", "country", "country/region", "country name");

    // Address parts under the qualifiers the export layouts put in front of them: Google's
    // "Address 1 - City", Outlook's "Business City", Salesforce's "Mailing City", Pipedrive's
    // "Postal address - City", Shopify's "Default Address City".
    Map<String, Field> parts = new HashMap<>();
    // Not the bare "address" part: Outlook's "Home Address" is the combined address next to "Home
    // Street", and Google's "Address 1 - Formatted" the same next to "Address 1 - Street".
    for (String part : List.of("street", "street address", "address line", "extended address",
        "street road name", "house number", "apartment suite no", "district sublocality")) {
      parts.put(part, Field.ADDRESS);
    }
    for (String part : List.of("city", "town", "locality", "city town village locality")) {
      parts.put(part, Field.CITY);
    }
    for (String part : List.of("state", "region", "state region", "state province", "province",
        "state county", "province code")) {
      parts.put(part, Field.STATE);
    }
    for (String part : List.of("postal code", "zip", "zip code", "zip postal code", "postcode")) {
      parts.put(part, Field.POSTAL_CODE);
    }
    for (String part : List.of("country", "country region", "country code")) {
      parts.put(part, Field.COUNTRY);
    }
    for (String qualifier : List.of("address", "postal address", "home", "business", "other",
        "work", "mailing", "default address")) {
      parts.forEach((part, field) -> t.add(field, qualifier + " " + part));
    }
    // Portuguese Outlook and Brazilian CRMs: "Cidade do endereço comercial", "CEP residencial".
    // Not "Estado comercial": that reads as a business status.
    Map<String, Field> partesPt = Map.of(
        "rua", Field.ADDRESS, "cidade", Field.CITY, "estado", Field.STATE, "cep", Field.POSTAL_CODE,
        "país", Field.COUNTRY, "país/região", Field.COUNTRY);
    for (String onde : List.of("do endereço", "do endereço comercial", "do endereço residencial")) {
      partesPt.forEach((parte, field) -> t.add(field, parte + " " + onde));
    }
    t.add(Field.ADDRESS, "rua comercial", "rua residencial");
    t.add(Field.CITY, "cidade comercial", "cidade residencial");
    t.add(Field.POSTAL_CODE, "cep comercial", "cep residencial");
    // "Line" only after "address": a bare "Business Line" is a line of business.
    t.add(Field.ADDRESS, "default address address", "postal address line");
    t.add(Field.PHONE, "default address phone");
    t.add(Field.COMPANY, "default address company");

    t.add(Field.TAGS,
        "tags", "tag", "etiquetas", "etiqueta", "labels", "label", "marcadores", "marcador",
        "grupos", "grupo", "groups", "group", "group membership", "categories", "category",
        "categorias", "categoria", "categorías", "categoría");
    t.add(Field.SOURCE,
        "origem", "source", "fonte", "fuente", "origen", "lead source", "origem do lead",
        "origem do contato", "fonte do lead", "canal de origem", "original source",
        "original traffic source", "origem da primeira conversão", "utm source",
        "como nos conheceu");
    // Not "anniversary": Outlook's wedding anniversary. The Portuguese "aniversário" is a birthday.
    t.add(Field.DATE_OF_BIRTH,
        "data de nascimento", "data nascimento", "data nasc", "dt nascimento", "dt nasc",
        "nascimento", "aniversário", "data de aniversário", "birthday", "date of birth",
        "birth date", "birthdate", "dob", "fecha de nacimiento", "fecha nacimiento",
        "nacimiento", "cumpleaños");
    t.add(Field.WEBSITE,
        "site", "website", "web site", "website url", "url", "página web", "pagina da web",
        "página da internet", "web page", "webpage", "homepage", "home page", "sitio web",
        "site da empresa", "website value");
    t.add(Field.TIMEZONE,
        "fuso horário", "fuso", "timezone", "time zone", "zona horaria", "huso horario");
    t.add(Field.NOTES,
        "observações", "observação", "obs", "notas", "nota", "notes", "note", "comentários",
        "comentário", "comments", "comment", "anotações", "observaciones", "comentarios",
        "mensagem", "message");
    return t.build();
  }

  /**
   * Collects normalized synonyms. The same spelling twice for one field is harmless ("e-mail" and
   * "e mail" normalize alike); one spelling for two fields is a bug, so it fails at class load.
   */
  private static final class Table {
    private final Map<String, Field> map = new HashMap<>(2048);

    void add(Field field, String... synonyms) {
      for (String synonym : synonyms) {
        String key = normalize(synonym);
        Field previous = map.putIfAbsent(key, field);
        if (previous != null && previous != field) {
          throw new IllegalStateException(
              "Header synonym '" + key + "' is listed for both " + previous + " and " + field);
        }
      }
    }

    Map<String, Field> build() {
      return Collections.unmodifiableMap(map);
    }
  }
}
