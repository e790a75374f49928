package com.ghldata.engine.normalize;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns tag and label cells into GHL tags.
 *
 * <p>Tags are split on {@code , ; |}, line breaks and Google Contacts' {@code :::}; each is
 * unquoted (Mailchimp writes {@code "vip","lead"}), stripped of periods (GHL splits tags on
 * {@code .}), trimmed, spaces collapsed and lower-cased (GHL lower-cases them anyway, so
 * {@code VIP} and {@code vip} are one tag). Google's system groups lose their {@code * } marker
 * ({@code * Starred} → {@code starred}) except {@code * myContacts}, which every Google contact
 * carries and is dropped. Thread-safe.
 */
public final class TagNormalizer {
  private TagNormalizer() {}

  /** Splits a cell into tags and adds the ones not yet in the set, in order (pass a LinkedHashSet). */
  public static void addTags(String raw, Set<String> into) {
    Objects.requireNonNull(into, "into");
    if (raw == null) {
      return;
    }
    int n = raw.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      int sepLength = i == n ? 0 : separatorLength(raw, i);
      if (i == n || sepLength > 0) {
        String tag = tag(raw, start, i);
        if (!tag.isEmpty()) {
          into.add(tag);
        }
        i += Math.max(sepLength, 1) - 1;
        start = i + 1;
      }
    }
  }

  /** Tags joined as GHL reads them: {@code ", "}. */
  public static String join(Collection<String> tags) {
    return String.join(", ", tags);
  }

  private static int separatorLength(String s, int i) {
    char c = s.charAt(i);
    if (c == ',' || c == ';' || c == '|' || TextCleaner.kind(c) == TextCleaner.BREAK) {
      return 1;
    }
    return c == ':' && s.startsWith(":::", i) ? 3 : 0;
  }

  /** One tag from {@code s[from, to)}, normalized; "" when nothing is left or it is dropped. */
  static String tag(String s, int from, int to) {
    // Spaces around a tag never reach it (cleanTag drops them too).
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    // The usual tag, ASCII letters, digits, '-' and '_' with single spaces between words, is
    // already clean: no copy character by character.
    boolean upper = false;
    int i = from;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c != ' ' || s.charAt(i - 1) == ' ') {
        return cleanTag(s, from, to);
      }
    }
    String tag = s.substring(from, to);
    return upper ? tag.toLowerCase(Locale.ROOT) : tag;
  }

  /** {@link #tag} for any text: quotes, periods, other spaces, Google's system groups. */
  static String cleanTag(String s, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    boolean pendingSpace = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      byte kind = TextCleaner.kind(c);
      if (kind == TextCleaner.SPACE || kind == TextCleaner.BREAK) {
        pendingSpace = true;
      } else if (kind == TextCleaner.KEEP && c != '.') {
        if (pendingSpace && sb.length() > 0) {
          sb.append(' ');
        }
        pendingSpace = false;
        sb.append(c);
      }
    }
    int start = 0;
    int end = sb.length();
    while (start < end && isQuote(sb.charAt(start))) {
      start++;
    }
    while (end > start && isQuote(sb.charAt(end - 1))) {
      end--;
    }
    if (start < end && sb.charAt(start) == '*') {
      // A Google Contacts system group such as "* starred".
      start++;
      while (start < end && (sb.charAt(start) == ' ' || isQuote(sb.charAt(start)))) {
        start++;
      }
      if (isMyContacts(sb, start, end)) {
        return "";
      }
    }
    while (start < end && sb.charAt(start) == ' ') {
      start++;
    }
    while (end > start && sb.charAt(end - 1) == ' ') {
      end--;
    }
    return sb.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isMyContacts(CharSequence s, int from, int to) {
    String key = TextFold.key(s.subSequence(from, to).toString());
    return key.equals("mycontacts");
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`' || c == '\u201C' || c == '\u201D' || c == '\u2018'
        || c == '\u2019' || c == '\u00AB' || c == '\u00BB';
  }
}
