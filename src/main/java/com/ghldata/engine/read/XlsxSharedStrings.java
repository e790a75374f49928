package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shared strings of an XLSX (sharedStrings.xml), read with SAX into one char pool instead of
 * one String per entry: a workbook of a million short strings costs 6 bytes a string, not ~50.
 * A string longer than the cell limit is kept cut to the limit and marked, so one hostile entry
 * cannot fill the heap: of its raw text no more is held than can decode to one character past the
 * limit, the rest is skipped. The pool itself is capped, since POI's limit on a part's size bounds
 * the XML, not the memory it turns into.
 */
final class XlsxSharedStrings extends DefaultHandler {
  static final int MAX_CHARS = 64 * 1024 * 1024;
  static final int MAX_STRINGS = 16 * 1024 * 1024;

  private final ReadLimits limits;
  private final int rawCap;
  private char[] pool = new char[1 << 16];
  private int poolLength;
  private int[] starts = new int[1024];
  private int count;
  private final BitSet cut = new BitSet();

  private boolean inItem;
  private boolean inText;
  private int phoneticDepth;
  private int itemStart;
  /** More raw text than rawCap: the rest of the item is skipped. */
  private boolean itemOverflowed;

  XlsxSharedStrings(ReadLimits limits) {
    this.limits = limits;
    this.rawCap = rawCap(limits);
  }

  /**
   * The raw characters of a cell's XML text worth holding: an escape ({@code _x000D_}) takes 7 raw
   * characters for 1, so this many always decode to more than the limit (the escape cut at the end
   * aside), and a longer text is known to be cut without reading it all.
   */
  static int rawCap(ReadLimits limits) {
    return (int) Math.min(Integer.MAX_VALUE - 16L, (limits.maxCellChars() + 1L) * 7 + 7);
  }

  /** Number of strings. */
  int size() {
    return count;
  }

  /** Whether entry {@code index} was longer than the cell limit, and {@link #get} gives it cut. */
  boolean isCut(int index) {
    return cut.get(index);
  }

  /** Entry {@code index} (0-based, valid), cut to the cell limit. */
  String get(int index) {
    int start = starts[index];
    int end = index + 1 < count ? starts[index + 1] : poolLength;
    return new String(pool, start, end - start);
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    switch (SafeXml.localName(localName, qName)) {
      case "si":
        inItem = true;
        itemStart = poolLength;
        itemOverflowed = false;
        break;
      case "t":
        inText = inItem && phoneticDepth == 0;
        break;
      case "rPh": // phonetic guide (furigana): not part of the visible text
        phoneticDepth++;
        break;
      default:
        break;
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    switch (SafeXml.localName(localName, qName)) {
      case "si":
        finishItem();
        inItem = false;
        break;
      case "t":
        inText = false;
        break;
      case "rPh":
        phoneticDepth--;
        break;
      default:
        break;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (!inText || itemOverflowed) {
      return;
    }
    if (poolLength - itemStart + (long) length > rawCap) {
      itemOverflowed = true;
      length = rawCap - (poolLength - itemStart);
    }
    ensurePool(poolLength + (long) length);
    System.arraycopy(ch, start, pool, poolLength, length);
    poolLength += length;
  }

  private void finishItem() throws SAXException {
    if (count == MAX_STRINGS) {
      throw SafeXml.Abort.refuse(tooMuchText());
    }
    poolLength = itemStart + unescape(pool, itemStart, poolLength);
    // An overflowed item decodes to more than the limit: rawCap sees to that.
    if (poolLength - itemStart > limits.maxCellChars()) {
      poolLength = itemStart + limits.cutLength(CharBuffer.wrap(pool, itemStart, poolLength - itemStart));
      cut.set(count);
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    starts[count] = itemStart;
    count++;
  }

  private void ensurePool(long needed) throws SAXException {
    if (needed > MAX_CHARS) {
      throw SafeXml.Abort.refuse(tooMuchText());
    }
    if (needed > pool.length) {
      pool = Arrays.copyOf(pool, (int) Math.min(MAX_CHARS, Math.max(needed, pool.length * 2L)));
    }
  }

  private static ConversionException tooMuchText() {
    return new ConversionException(ConversionError.ZIP_BOMB, "shared_text",
        Map.of("limit", MAX_CHARS, "strings", MAX_STRINGS),
        "The workbook's shared text holds more than " + MAX_CHARS + " characters or " + MAX_STRINGS
            + " strings; refused.");
  }

  /** Decodes OOXML's {@code _xHHHH_} escapes (Excel writes a line break as _x000D_). */
  static String unescape(CharSequence raw) {
    String s = raw.toString();
    // The common case, nothing escaped, is answered by the JDK's vectorised indexOf.
    for (int u = s.indexOf('_'); u >= 0 && u + 1 < s.length(); u = s.indexOf('_', u + 1)) {
      char next = s.charAt(u + 1);
      if (next == 'x' || next == 'X') {
        char[] chars = s.toCharArray();
        return new String(chars, 0, unescape(chars, 0, chars.length));
      }
    }
    return s;
  }

  /** Decodes escapes in {@code buf[from, to)} in place; returns the decoded length. */
  static int unescape(char[] buf, int from, int to) {
    int write = from;
    int read = from;
    while (read < to) {
      char c = buf[read];
      if (c == '_' && read + 6 < to && (buf[read + 1] == 'x' || buf[read + 1] == 'X') && buf[read + 6] == '_') {
        int code = hex(buf, read + 2);
        if (code >= 0) {
          buf[write++] = (char) code;
          read += 7;
          continue;
        }
      }
      buf[write++] = c;
      read++;
    }
    return write - from;
  }

  private static int hex(char[] buf, int at) {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(buf[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
