package com.ghldata.engine;

import java.util.List;

/** The columns of the GHL import CSV, in output order (GHL_FORMAT.md). */
public enum GhlColumn {
  FIRST_NAME("First Name", true),
  LAST_NAME("Last Name", true),
  EMAIL("Email", true),
  PHONE("Phone", true),
  COMPANY_NAME("Company Name", true),
  ADDRESS("Address", true),
  CITY("City", true),
  STATE("State", true),
  POSTAL_CODE("Postal Code", true),
  COUNTRY("Country", true),
  TAGS("Tags", true),
  SOURCE("Source", true),
  ADDITIONAL_EMAILS("Additional Emails", false),
  ADDITIONAL_PHONES("Additional Phones", false),
  DATE_OF_BIRTH("Date of Birth", false),
  WEBSITE("Website", false),
  TIMEZONE("Timezone", false),
  NOTES("Notes", false);

  public static final List<GhlColumn> ALL = List.of(values());

  private final String header;
  private final boolean core;

  GhlColumn(String header, boolean core) {
    this.header = header;
    this.core = core;
  }

  /** The header GHL expects. */
  public String header() {
    return header;
  }

  /** Core columns are always written; optional ones only when some contact has data for them. */
  public boolean core() {
    return core;
  }
}
