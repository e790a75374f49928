package com.ghldata.engine.write;

/**
 * UTF-8 straight into a byte array: the writers' hot path, with no CharsetEncoder, CharBuffer or
 * String per value. The caller makes room first: at most 3 bytes per char (a surrogate pair is 4
 * bytes for 2 chars), 2 for a doubled quote.
 */
public final class Utf8 {
  private Utf8() {}

  /** What to do with a surrogate that is not half of a pair. */
  public enum LoneSurrogate {
    /** Write '?', as the JDK's UTF-8 writer does. */
    REPLACE,
    /** Refuse it with an {@link IllegalArgumentException}. */
    REFUSE
  }

  /**
   * Encodes {@code cs[from, to)} at {@code b[k]} and answers the end. With {@code doubleQuotes} each
   * '"' is written twice, as inside an RFC 4180 quoted field.
   */
  public static int encode(char[] cs, int from, int to, byte[] b, int k, boolean doubleQuotes, LoneSurrogate lone) {
    for (int i = from; i < to; i++) {
      char c = cs[i];
      if (c < 0x80) {
        if (doubleQuotes && c == '"') {
          b[k++] = '"';
        }
        b[k++] = (byte) c;
      } else if (c < 0x800) {
        b[k++] = (byte) (0xC0 | (c >> 6));
        b[k++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        b[k++] = (byte) (0xE0 | (c >> 12));
        b[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[k++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(cs[i + 1])) {
        int cp = Character.toCodePoint(c, cs[++i]);
        b[k++] = (byte) (0xF0 | (cp >> 18));
        b[k++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[k++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[k++] = (byte) (0x80 | (cp & 0x3F));
      } else if (lone == LoneSurrogate.REPLACE) {
        b[k++] = '?';
      } else {
        throw new IllegalArgumentException("a lone surrogate at index " + i);
      }
    }
    return k;
  }
}
