package com.ghldata.tools.generate;

import static com.ghldata.tools.generate.Column.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The header and the column contents of each {@link Layout}. The export layouts keep the real
 * tools' column names and order, including the columns they always leave empty, because the
 * converter has to recognise those files as they are and report what it left unmapped.
 */
final class LayoutColumns {
  private LayoutColumns() {}

  private record Table(List<String> headers, Column[] columns) {}

  private static final Map<Layout, Table> TABLES = new EnumMap<>(Layout.class);

  static {
    define(Layout.PORTUGUESE,
        "Nome completo", FULL_NAME,
        "E-mail", EMAIL,
        "Telefone", PHONE,
        "Celular", PHONE_2,
        "Empresa", COMPANY,
        "Endereço", ADDRESS,
        "Cidade", CITY,
        "UF", STATE,
        "CEP", POSTAL_CODE,
        "Data de Nascimento", BIRTH_DATE,
        "Tags", TAGS,
        "Origem", SOURCE,
        "Observações", NOTES);
    define(Layout.ENGLISH,
        "First Name", FIRST_NAME,
        "Last Name", LAST_NAME,
        "Email", EMAIL,
        "Phone", PHONE,
        "Company", COMPANY,
        "Address", ADDRESS,
        "City", CITY,
        "State", STATE,
        "Zip", POSTAL_CODE,
        "Country", COUNTRY,
        "Tags", TAGS);
    define(Layout.SPANISH,
        "Nombre", FIRST_NAME,
        "Apellido", LAST_NAME,
        "Correo", EMAIL,
        "Teléfono", PHONE,
        "Empresa", COMPANY,
        "Dirección", ADDRESS,
        "Ciudad", CITY,
        "Estado", STATE,
        "Código Postal", POSTAL_CODE,
        "País", COUNTRY);
    define(Layout.GOOGLE,
        "First Name", GIVEN_NAME,
        "Middle Name", EMPTY,
        "Last Name", FAMILY_NAME,
        "Phonetic First Name", EMPTY,
        "Phonetic Middle Name", EMPTY,
        "Phonetic Last Name", EMPTY,
        "Name Prefix", EMPTY,
        "Name Suffix", EMPTY,
        "Nickname", EMPTY,
        "File As", EMPTY,
        "Organization Name", COMPANY,
        "Organization Title", JOB_TITLE,
        "Organization Department", EMPTY,
        "Birthday", BIRTH_DATE_ISO,
        "Notes", NOTES,
        "Photo", EMPTY,
        "Labels", TAGS_GOOGLE,
        "E-mail 1 - Label", EMAIL_LABEL,
        "E-mail 1 - Value", EMAIL,
        "E-mail 2 - Label", EMAIL_2_LABEL,
        "E-mail 2 - Value", EMAIL_2,
        "Phone 1 - Label", PHONE_LABEL,
        "Phone 1 - Value", PHONE,
        "Phone 2 - Label", PHONE_2_LABEL,
        "Phone 2 - Value", PHONE_2,
        "Address 1 - Label", ADDRESS_LABEL,
        "Address 1 - Formatted", ADDRESS_FORMATTED,
        "Address 1 - Street", ADDRESS,
        "Address 1 - City", CITY,
        "Address 1 - PO Box", EMPTY,
        "Address 1 - Region", STATE,
        "Address 1 - Postal Code", POSTAL_CODE,
        "Address 1 - Country", COUNTRY,
        "Address 1 - Extended Address", EMPTY);
    define(Layout.OUTLOOK,
        "First Name", GIVEN_NAME,
        "Middle Name", EMPTY,
        "Last Name", FAMILY_NAME,
        "Title", EMPTY,
        "Suffix", EMPTY,
        "Nickname", EMPTY,
        "E-mail Address", EMAIL,
        "E-mail 2 Address", EMAIL_2,
        "Home Phone", EMPTY,
        "Business Phone", PHONE_2,
        "Mobile Phone", PHONE,
        "Job Title", JOB_TITLE,
        "Department", EMPTY,
        "Company", COMPANY,
        "Business Street", ADDRESS,
        "Business City", CITY,
        "Business State", STATE,
        "Business Postal Code", POSTAL_CODE,
        "Business Country/Region", COUNTRY,
        "Birthday", BIRTH_DATE_OUTLOOK,
        "Notes", NOTES,
        "Categories", TAGS_OUTLOOK);
    define(Layout.HUBSPOT,
        "Record ID", RECORD_ID,
        "First Name", GIVEN_NAME,
        "Last Name", FAMILY_NAME,
        "Email", EMAIL,
        "Phone Number", PHONE,
        "Mobile Phone Number", PHONE_2,
        "Company Name", COMPANY,
        "Job Title", JOB_TITLE,
        "Street Address", ADDRESS,
        "City", CITY,
        "State/Region", STATE,
        "Postal Code", POSTAL_CODE,
        "Country/Region", COUNTRY,
        "Lifecycle Stage", LIFECYCLE_STAGE,
        "Original Source", SOURCE_HUBSPOT,
        "Create Date", CREATE_DATE);
    define(Layout.RDSTATION,
        "Email", EMAIL,
        "Nome", FULL_NAME,
        "Telefone", PHONE,
        "Celular", PHONE_2,
        "Empresa", COMPANY,
        "Cidade", CITY,
        "Estado", STATE,
        "Tags", TAGS);
    if (TABLES.size() != Layout.values().length) {
      throw new IllegalStateException("every layout needs its columns; have " + TABLES.keySet());
    }
  }

  static List<String> headers(Layout layout) {
    return TABLES.get(layout).headers();
  }

  static Column[] columns(Layout layout) {
    return TABLES.get(layout).columns();
  }

  /** Pairs of header and column, so each header sits next to what it shows. */
  private static void define(Layout layout, Object... pairs) {
    List<String> headers = new ArrayList<>(pairs.length / 2);
    Column[] columns = new Column[pairs.length / 2];
    for (int i = 0; i < pairs.length; i += 2) {
      headers.add((String) pairs[i]);
      columns[i / 2] = (Column) pairs[i + 1];
    }
    TABLES.put(layout, new Table(List.copyOf(headers), columns));
  }
}
