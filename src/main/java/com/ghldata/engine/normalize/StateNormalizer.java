package com.ghldata.engine.normalize;

import java.util.HashMap;
import java.util.Map;

/**
 * Brazilian states to their two-letter UF, which is how GHL and Brazilian addresses write them.
 *
 * <p>Names match whatever their case, accents and connecting words ({@code São Paulo}, {@code SAO
 * PAULO}, {@code Mato Grosso Sul}), with or without an {@code Estado de} / {@code Est.} prefix, and
 * in combined forms such as {@code SP - São Paulo} or {@code São Paulo (SP)}. Other countries'
 * states, and values that name no state, come back cleaned but otherwise as given. Thread-safe.
 */
public final class StateNormalizer {
  private static final String[][] UFS = {
    {"AC", "Acre"}, {"AL", "Alagoas"}, {"AP", "Amapá"}, {"AM", "Amazonas"}, {"BA", "Bahia"},
    {"CE", "Ceará"}, {"DF", "Distrito Federal"}, {"ES", "Espírito Santo"}, {"GO", "Goiás"},
    {"MA", "Maranhão"}, {"MT", "Mato Grosso"}, {"MS", "Mato Grosso do Sul"}, {"MG", "Minas Gerais"},
    {"PA", "Pará"}, {"PB", "Paraíba"}, {"PR", "Paraná"}, {"PE", "Pernambuco"}, {"PI", "Piauí"},
    {"RJ", "Rio de Janeiro"}, {"RN", "Rio Grande do Norte"}, {"RS", "Rio Grande do Sul"},
    {"RO", "Rondônia"}, {"RR", "Roraima"}, {"SC", "Santa Catarina"}, {"SP", "São Paulo"},
    {"SE", "Sergipe"}, {"TO", "Tocantins"},
  };

  /** Other spellings seen in real sheets. */
  private static final String[][] ALIASES = {
    {"DF", "Brasília"}, {"DF", "Distrito Federal Brasília"}, {"MG", "Minas"}, {"RS", "RGS"},
    {"MS", "Matogrossodosul"}, {"MT", "Matogrosso"}, {"SP", "S. Paulo"}, {"SC", "Sta. Catarina"},
  };

  private static final Map<String, String> BY_KEY = new HashMap<>(128);

  static {
    for (String[] uf : UFS) {
      BY_KEY.put(key(uf[0]), uf[0]);
      BY_KEY.put(key(uf[1]), uf[0]);
    }
    for (String[] alias : ALIASES) {
      BY_KEY.put(key(alias[1]), alias[0]);
    }
  }

  private StateNormalizer() {}

  /** Brazilian states as the two-letter UF when the country is BR; otherwise, or when unrecognised, the cleaned value. */
  public static String normalize(String raw, String countryIso2) {
    String cleaned = TextCleaner.clean(raw);
    if (cleaned.isEmpty() || !"BR".equalsIgnoreCase(countryIso2)) {
      return cleaned;
    }
    String uf = uf(cleaned);
    return uf != null ? uf : cleaned;
  }

  /** The UF for a Brazilian state name or code, or null when the text names no state. */
  public static String uf(String raw) {
    String cleaned = TextCleaner.clean(raw);
    if (cleaned.isEmpty()) {
      return null;
    }
    String uf = lookup(key(cleaned));
    return uf != null ? uf : fromParts(cleaned);
  }

  private static String lookup(String key) {
    String uf = BY_KEY.get(key);
    if (uf == null) {
      String rest = key.startsWith("estado") ? key.substring(6) : key.startsWith("est") ? key.substring(3) : null;
      uf = rest == null || rest.isEmpty() ? null : BY_KEY.get(rest);
    }
    return uf;
  }

  /** "SP - São Paulo", "São Paulo (SP)", "São Paulo/Brasil": the parts that name a state, when they agree. */
  private static String fromParts(String cleaned) {
    String found = null;
    int start = 0;
    int n = cleaned.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? cleaned.charAt(i) : ',';
      if (c == '(' || c == ')' || c == ',' || c == '/' || c == '-' || c == ';' || c == '|') {
        if (i > start) {
          String uf = lookup(key(cleaned.substring(start, i)));
          if (uf != null) {
            if (found != null && !found.equals(uf)) {
              return null;
            }
            found = uf;
          }
        }
        start = i + 1;
      }
    }
    return found;
  }

  private static String key(String s) {
    return TextFold.key(s, TextFold.CONNECTORS);
  }
}
