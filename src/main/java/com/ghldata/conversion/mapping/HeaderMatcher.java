package com.ghldata.conversion.mapping;

/** Recognises a column header as a contact field. STUB: replaced by the full synonym tables. */
public final class HeaderMatcher {
  private HeaderMatcher() {}

  /** The field a header names, or null when it names none we use. */
  public static Field match(String header) {
    String h = header == null ? "" : header.trim().toLowerCase(java.util.Locale.ROOT);
    switch (h) {
      case "first name": return Field.FIRST_NAME;
      case "last name": return Field.LAST_NAME;
      case "name": case "nome": return Field.FULL_NAME;
      case "email": case "e-mail": return Field.EMAIL;
      case "phone": case "telefone": return Field.PHONE;
      default: return null;
    }
  }
}
