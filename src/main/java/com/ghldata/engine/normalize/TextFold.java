package com.ghldata.engine.normalize;

import java.text.Normalizer;
import java.util.Set;

/**
 * Lookup keys that ignore case, accents, spaces and punctuation, so that {@code São Paulo},
 * {@code SAO PAULO}, {@code sao-paulo} and {@code S. Paulo}'s cousins meet in one table entry.
 *
 * <p>A key is the lower-case ASCII letters and digits of the text, accents removed ({@code ç} → c,
 * {@code ß} → ss), everything else dropped. Latin letters fold through a table built once; other
 * scripts keep their letters lower-cased.
 */
final class TextFold {
  /** Connecting words that people add or leave out in place names ("Mato Grosso (do) Sul"). */
  static final Set<String> CONNECTORS =
      Set.of("and", "e", "y", "the", "of", "de", "da", "do", "das", "dos", "del");

  private static final int TABLE_SIZE = 0x250; // Basic Latin .. Latin Extended-B
  private static final String[] LATIN = new String[TABLE_SIZE];

  static {
    for (char c = 0; c < TABLE_SIZE; c++) {
      LATIN[c] = foldSlow(c);
    }
    String[][] special = {
      {"ß", "ss"}, {"æ", "ae"}, {"Æ", "ae"}, {"ø", "o"}, {"Ø", "o"}, {"œ", "oe"}, {"Œ", "oe"},
      {"đ", "d"}, {"Đ", "d"}, {"ð", "d"}, {"Ð", "d"}, {"þ", "th"}, {"Þ", "th"}, {"ł", "l"},
      {"Ł", "l"}, {"ı", "i"}, {"ħ", "h"}, {"Ħ", "h"}, {"ŧ", "t"}, {"Ŧ", "t"}, {"ſ", "s"}
    };
    for (String[] s : special) {
      LATIN[s[0].charAt(0)] = s[1];
    }
  }

  private TextFold() {}

  /** The folded key of the whole text: {@code "Rio Grande do Sul"} → {@code riograndedosul}. */
  static String key(String s) {
    int n = s.length();
    boolean simple = true;
    for (int i = 0; i < n && simple; i++) {
      char c = s.charAt(i);
      simple = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
    if (simple) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      append(sb, s.charAt(i));
    }
    return sb.toString();
  }

  /**
   * The folded key without the given stand-alone words: with {@link #CONNECTORS}, {@code "Estados
   * Unidos da América"} → {@code estadosunidosamerica}. When every word is dropped (the text is
   * just {@code "AND"}, Andorra's code) the plain key is returned.
   */
  static String key(String s, Set<String> dropWords) {
    int n = s.length();
    StringBuilder sb = new StringBuilder(n);
    StringBuilder word = new StringBuilder(16);
    for (int i = 0; i <= n; i++) {
      if (i < n && append(word, s.charAt(i))) {
        continue;
      }
      if (word.length() > 0) {
        if (word.length() > 3 || !dropWords.contains(word.toString())) {
          sb.append(word);
        }
        word.setLength(0);
      }
    }
    return sb.length() > 0 ? sb.toString() : key(s);
  }

  /**
   * Appends the folded form of one character; returns false when the character is a separator
   * (punctuation, space, symbol) that contributes nothing.
   */
  static boolean append(StringBuilder sb, char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      sb.append(c);
      return true;
    }
    if (c >= 'A' && c <= 'Z') {
      sb.append((char) (c + ('a' - 'A')));
      return true;
    }
    if (c < TABLE_SIZE) {
      String f = LATIN[c];
      if (f.isEmpty()) {
        return false;
      }
      sb.append(f);
      return true;
    }
    if (!Character.isLetterOrDigit(c)) {
      // Combining accents of decomposed text belong to the letter before them.
      return Character.getType(c) == Character.NON_SPACING_MARK;
    }
    String f = foldSlow(c);
    sb.append(f.isEmpty() ? String.valueOf(Character.toLowerCase(c)) : f);
    return true;
  }

  private static String foldSlow(char c) {
    String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(2);
    for (int i = 0; i < d.length(); i++) {
      char x = d.charAt(i);
      if ((x >= 'a' && x <= 'z') || (x >= '0' && x <= '9')) {
        sb.append(x);
      } else if (x >= 'A' && x <= 'Z') {
        sb.append((char) (x + ('a' - 'A')));
      }
    }
    return sb.toString();
  }
}
