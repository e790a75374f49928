package com.ghldata.engine.report;

import java.util.Locale;

/**
 * The languages the files meant for people (rejects, issues) and their texts come in. Each has the
 * list separator its spreadsheets expect: Excel set to Portuguese or Spanish splits a CSV on
 * semicolons, set to English on commas.
 */
public enum Language {
  EN("en", ','),
  PT_BR("pt-BR", ';'),
  ES("es", ';');

  private final String tag;
  private final char separator;

  Language(String tag, char separator) {
    this.tag = tag;
    this.separator = separator;
  }

  /** The BCP 47 tag: en, pt-BR, es. */
  public String tag() {
    return tag;
  }

  /** The CSV delimiter a spreadsheet in this language splits on. */
  public char separator() {
    return separator;
  }

  /** The language of a tag (pt, pt-BR, pt_PT, es-419, en-US ...), or null when it is none of these. */
  public static Language ofTag(String tag) {
    if (tag == null) {
      return null;
    }
    String t = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    String primary = t.contains("-") ? t.substring(0, t.indexOf('-')) : t;
    return switch (primary) {
      case "pt" -> PT_BR;
      case "es" -> ES;
      case "en" -> EN;
      default -> null;
    };
  }

  /**
   * The best of these languages for an {@code Accept-Language} header (q-values honoured, order
   * breaking ties), or {@code fallback} when it names none of them.
   */
  public static Language negotiate(String acceptLanguage, Language fallback) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return fallback;
    }
    Language best = null;
    double bestQ = 0;
    for (String part : acceptLanguage.split(",")) {
      String[] pieces = part.split(";");
      Language l = ofTag(pieces[0]);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].strip();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (l != null && q > bestQ) {
        best = l;
        bestQ = q;
      }
    }
    return best == null ? fallback : best;
  }
}
