package com.ghldata.engine.read;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Renders workbook cells (XLSX and XLS alike) as text the way the user sees them in Excel, except
 * where Excel's display would break an import: numbers never come out in scientific notation (a
 * phone typed as 5511987654321 shows as 5.51199E+12 in a General cell) and dates come out as ISO.
 *
 * <p>Holds a {@link DataFormatter}, which caches formats and is not thread-safe: one per reader.
 */
final class CellText {
  /** Excel keeps 15 significant digits; more would print binary noise (0.1 + 0.2). */
  private static final MathContext EXCEL_PRECISION = new MathContext(15);
  private static final double LONG_SAFE = 1e15;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final int TEXT_FORMAT_INDEX = 49; // "@"

  /** How a number format renders, decided once per cell style. */
  enum Kind { GENERAL, DATE, MASK, FORMATTED }

  /** A cell style's number format, with its kind decided once; {@code mask} only for MASK. */
  record NumberStyle(int index, String pattern, Kind kind, Mask mask) {
    static final NumberStyle GENERAL = new NumberStyle(0, "General", Kind.GENERAL, null);

    NumberStyle(int index, String pattern, Kind kind) {
      this(index, pattern, kind, null);
    }
  }

  // US symbols: GHL reads "." as the decimal point; Brazilian "1.234,56" would be misread.
  private final DataFormatter formatter = new DataFormatter(Locale.US);
  private final boolean date1904;

  CellText(boolean date1904) {
    this.date1904 = date1904;
  }

  /** Classifies a number format; {@code pattern} may be null (unknown built-in: General). */
  static NumberStyle style(int index, String pattern) {
    if (pattern == null || index == 0 || pattern.equalsIgnoreCase("General")) {
      return NumberStyle.GENERAL;
    }
    // Text format "@": Excel shows a number stored in such a cell as typed, i.e. like General.
    if (index == TEXT_FORMAT_INDEX || pattern.equals("@")) {
      return new NumberStyle(index, pattern, Kind.GENERAL);
    }
    if (DateUtil.isADateFormat(index, pattern)) {
      return new NumberStyle(index, pattern, Kind.DATE);
    }
    Mask mask = Mask.parse(pattern);
    if (mask != null) {
      return new NumberStyle(index, pattern, Kind.MASK, mask);
    }
    // Scientific formats (0.00E+00) would hide the digits of a phone number.
    return new NumberStyle(index, pattern, isScientific(pattern) ? Kind.GENERAL : Kind.FORMATTED);
  }

  /** A numeric cell's text. */
  String number(double value, NumberStyle style) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    switch (style.kind()) {
      case DATE:
        return DateUtil.isValidExcelDate(value) ? date(value) : plain(value);
      case MASK:
        return style.mask().format(value);
      case FORMATTED:
        String shown;
        try {
          shown = formatter.formatRawCellContents(value, style.index(), style.pattern());
        } catch (RuntimeException unusualFormat) {
          return plain(value); // POI cannot parse every exotic format; the value is what matters
        }
        return shown == null || showsExponent(shown) ? plain(value) : shown;
      default:
        return plain(value);
    }
  }

  /**
   * A number as plain decimal: whole numbers without ".0" (5511987654321), others rounded to
   * Excel's 15 significant digits without exponent (0.30000000000000004 → 0.3; 1E+20 →
   * 100000000000000000000).
   */
  static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < LONG_SAFE) {
      return Long.toString((long) value); // -0.0 becomes "0"
    }
    return new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
  }

  static String bool(boolean value) {
    return value ? "TRUE" : "FALSE";
  }

  private String date(double value) {
    LocalDateTime at = DateUtil.getLocalDateTime(value, date1904, true);
    if (at == null) {
      return plain(value);
    }
    if (value >= 0 && value < 1) {
      return TIME.format(at); // a time of day without a date ("08:30" formatted h:mm)
    }
    return at.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE.format(at) : DATE_TIME.format(at);
  }

  /** Whether a format pattern has an exponent part, outside quoted literals. */
  private static boolean isScientific(String pattern) {
    boolean quoted = false;
    for (int i = 0; i + 1 < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == 'E' || c == 'e')) {
        char next = pattern.charAt(i + 1);
        if (next == '+' || next == '-') {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether formatted text holds a digit followed by an exponent (POI falls back to General). */
  private static boolean showsExponent(String shown) {
    for (int i = 1; i + 2 < shown.length(); i++) {
      char c = shown.charAt(i);
      if ((c == 'E' || c == 'e') && Character.isDigit(shown.charAt(i - 1))) {
        char sign = shown.charAt(i + 1);
        if ((sign == '+' || sign == '-') && Character.isDigit(shown.charAt(i + 2))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A format made only of digit placeholders and literal characters: the masks Brazilians put on
   * numbers (CEP {@code 00000-000}, phone {@code (00) 00000-0000}, CPF {@code 000\.000\.000\-00}).
   * POI's DataFormatter mangles these ({@code 00000-000} gives "01-310-100"), so they are applied
   * here the way Excel does: digits fill the placeholders from the right, {@code 0} pads with zeros,
   * {@code #} shows nothing, surplus digits go in front.
   */
  static final class Mask {
    private static final String PLAIN_LITERALS = " -+/():";

    private final char[] chars;
    private final boolean[] placeholder;

    private Mask(char[] chars, boolean[] placeholder) {
      this.chars = chars;
      this.placeholder = placeholder;
    }

    /** The mask of {@code pattern}, or null when it is anything more than a mask. */
    static Mask parse(String pattern) {
      StringBuilder chars = new StringBuilder();
      StringBuilder kinds = new StringBuilder(); // 'p' placeholder, 'l' literal
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '0' || c == '#') {
          chars.append(c);
          kinds.append('p');
        } else if (c == '\\' && i + 1 < pattern.length()) {
          chars.append(pattern.charAt(++i));
          kinds.append('l');
        } else if (c == '"') {
          int close = pattern.indexOf('"', i + 1);
          if (close < 0) {
            return null;
          }
          for (int j = i + 1; j < close; j++) {
            chars.append(pattern.charAt(j));
            kinds.append('l');
          }
          i = close;
        } else if (PLAIN_LITERALS.indexOf(c) >= 0) {
          chars.append(c);
          kinds.append('l');
        } else {
          return null; // decimals, grouping, percent, sections, colours, conditions: DataFormatter's job
        }
      }
      if (kinds.indexOf("p") < 0) {
        return null;
      }
      boolean[] placeholder = new boolean[kinds.length()];
      for (int i = 0; i < placeholder.length; i++) {
        placeholder[i] = kinds.charAt(i) == 'p';
      }
      return new Mask(chars.toString().toCharArray(), placeholder);
    }

    String format(double value) {
      if (Math.abs(value) >= LONG_SAFE) {
        return plain(value);
      }
      long whole = Math.round(Math.abs(value)); // no decimal places: Excel rounds half away from zero
      String digits = whole == 0 ? "" : Long.toString(whole);
      char[] out = new char[chars.length];
      int next = digits.length() - 1;
      int first = -1;
      for (int i = chars.length - 1; i >= 0; i--) {
        if (!placeholder[i]) {
          out[i] = chars[i];
        } else {
          first = i;
          out[i] = next >= 0 ? digits.charAt(next--) : chars[i] == '0' ? '0' : 0;
        }
      }
      StringBuilder shown = new StringBuilder(chars.length + 2);
      if (value < 0 && whole != 0) {
        shown.append('-');
      }
      for (int i = 0; i < out.length; i++) {
        if (i == first && next >= 0) {
          shown.append(digits, 0, next + 1); // more digits than placeholders
        }
        if (out[i] != 0) {
          shown.append(out[i]);
        }
      }
      return shown.toString();
    }
  }
}
