package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SAX handler for one worksheet XML: places each cell by its reference (so a missing cell leaves
 * "" and columns keep their positions), renders it with {@link CellText}, and pushes each row that
 * holds a value to the row handler with its real row number. Rows without any value (styled
 * blanks, common at the end of Excel sheets) are not pushed. A value longer than the cell limit is
 * cut to it ({@link RowHandler#cellCut}); of its raw text no more is held than can decode to one
 * character past the limit ({@link XlsxSharedStrings#rawCap}), the rest is skipped.
 *
 * <p>In probe mode (no row handler) it only finds out whether the sheet holds any non-blank value,
 * stopping at the first.
 */
final class XlsxSheetHandler extends DefaultHandler {
  private static final int COLUMN_OVERFLOW = 1 << 24; // beyond Excel's 16,384 columns

  private final XlsxSharedStrings strings;
  private final CellText.NumberStyle[] styles;
  private final CellText text;
  private final RowHandler rows; // null: probe mode
  private final int maxColumns;
  private final ReadLimits limits;
  private final int rawCap;

  private final StringBuilder value = new StringBuilder();
  private String[] cells = new String[32];
  /** The columns of the row being read whose value was cut. */
  private final BitSet cut = new BitSet();
  private int lastColumn = -1;
  private int rowNumber;
  private int nextColumn;

  private int column;
  private char type;
  private int style;
  private boolean capturing;
  /** The cell's raw text went past rawCap: the rest of it is skipped. */
  private boolean overflowed;
  private boolean inInline;
  private int phoneticDepth;
  private boolean found;

  private XlsxSheetHandler(XlsxSharedStrings strings, CellText.NumberStyle[] styles, CellText text,
      ReadLimits limits, RowHandler rows) {
    this.strings = strings;
    this.styles = styles;
    this.text = text;
    this.rows = rows;
    this.maxColumns = limits.maxColumns();
    this.limits = limits;
    this.rawCap = XlsxSharedStrings.rawCap(limits);
  }

  static XlsxSheetHandler reader(XlsxSharedStrings strings, CellText.NumberStyle[] styles, CellText text,
      ReadLimits limits, RowHandler rows) {
    return new XlsxSheetHandler(strings, styles, text, limits, rows);
  }

  static XlsxSheetHandler probe(XlsxSharedStrings strings, ReadLimits limits) {
    return new XlsxSheetHandler(strings, new CellText.NumberStyle[0], null, limits, null);
  }

  /** Probe result: whether a non-blank value was seen. */
  boolean foundValue() {
    return found;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    switch (SafeXml.localName(localName, qName)) {
      case "row":
        rowNumber = positiveOr(attributes.getValue("r"), rowNumber + 1);
        nextColumn = 0;
        break;
      case "c":
        // One pass over the attributes: a lookup by name searches them once per name.
        String ref = null;
        String t = null;
        String s = null;
        for (int i = 0, n = attributes.getLength(); i < n; i++) {
          if (!attributes.getURI(i).isEmpty()) {
            continue;
          }
          switch (SafeXml.localName(attributes.getLocalName(i), attributes.getQName(i))) {
            case "r" -> ref = attributes.getValue(i);
            case "t" -> t = attributes.getValue(i);
            case "s" -> s = attributes.getValue(i);
            default -> { }
          }
        }
        column = ref == null ? nextColumn : columnIndex(ref, nextColumn);
        nextColumn = column + 1;
        type = typeCode(t);
        style = positiveOr(s, 0);
        value.setLength(0);
        overflowed = false;
        break;
      case "v":
        capturing = true;
        break;
      case "is":
        inInline = true;
        break;
      case "t":
        capturing = inInline && phoneticDepth == 0;
        break;
      case "rPh":
        phoneticDepth++;
        break;
      default:
        break;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (!capturing || overflowed) {
      return;
    }
    if (value.length() + (long) length > rawCap) {
      if (rows == null) {
        found = true; // probe: a huge value is a value
        throw SafeXml.Abort.stop();
      }
      overflowed = true;
      length = rawCap - value.length();
    }
    value.append(ch, start, length);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    switch (SafeXml.localName(localName, qName)) {
      case "v":
      case "t":
        capturing = false;
        break;
      case "is":
        inInline = false;
        break;
      case "rPh":
        phoneticDepth--;
        break;
      case "c":
        finishCell();
        break;
      case "row":
        finishRow();
        break;
      default:
        break;
    }
  }

  private void finishCell() throws SAXException {
    if (value.length() == 0) {
      return;
    }
    if (rows == null) {
      probeCell();
      return;
    }
    String shown;
    try {
      shown = render();
    } catch (ConversionException refusal) {
      throw SafeXml.Abort.refuse(refusal);
    }
    if (shown.isEmpty()) {
      return;
    }
    if (column >= maxColumns) {
      throw SafeXml.Abort.refuse(new ConversionException(ConversionError.TOO_MANY_COLUMNS, "cell",
          Map.of("row", rowNumber, "column", columnName(column), "limit", maxColumns), "Row " + rowNumber + " has a value in column " + columnName(column) + ", beyond the limit of "
              + maxColumns + " columns."));
    }
    boolean tooLong = shown.length() > limits.maxCellChars();
    if (tooLong) {
      shown = limits.cut(shown);
    }
    cut.set(column, tooLong || (type == 's' && strings.isCut(sharedIndex())));
    if (column >= cells.length) {
      cells = Arrays.copyOf(cells, Math.min(maxColumns, Math.max(column + 1, cells.length * 2)));
    }
    cells[column] = shown;
    if (column > lastColumn) {
      lastColumn = column;
    }
  }

  private void probeCell() throws SAXException {
    if (type == 's') {
      int index = sharedIndex();
      if (index < 0 || strings.get(index).isBlank()) {
        return; // a bad index is the reader's to report
      }
    } else if (value.toString().isBlank()) {
      return;
    }
    found = true;
    throw SafeXml.Abort.stop();
  }

  private void finishRow() throws SAXException {
    if (lastColumn < 0) {
      return;
    }
    String[] row = new String[lastColumn + 1];
    for (int i = 0; i <= lastColumn; i++) {
      String cell = cells[i];
      row[i] = cell == null ? "" : cell;
      cells[i] = null;
    }
    lastColumn = -1;
    boolean more;
    try {
      for (int col = cut.nextSetBit(0); col >= 0; col = cut.nextSetBit(col + 1)) {
        rows.cellCut(rowNumber, col);
      }
      cut.clear();
      more = rows.row(rowNumber, row);
    } catch (ConversionException refusal) {
      throw SafeXml.Abort.refuse(refusal);
    } catch (RuntimeException failure) {
      throw SafeXml.Abort.failed(failure);
    }
    if (!more) {
      throw SafeXml.Abort.stop();
    }
  }

  private String render() throws ConversionException {
    switch (type) {
      case 's':
        int index = sharedIndex();
        if (index < 0) {
          throw new ConversionException(ConversionError.CORRUPT_FILE, "missing_shared_string",
              Map.of("row", rowNumber), "The spreadsheet is damaged: row " + rowNumber + " refers to a missing shared string.");
        }
        return strings.get(index);
      case 'i': // inline string
      case 'f': // string result of a formula
        return XlsxSharedStrings.unescape(value);
      case 'b':
        String flag = value.toString().trim();
        return flag.equals("1") || flag.equalsIgnoreCase("true") ? CellText.bool(true) : CellText.bool(false);
      case 'e': // error value, e.g. #N/A, as Excel shows it
        return value.toString();
      case 'd': // ISO 8601 date (rare: written by some non-Excel tools)
        return isoDate(value.toString().trim());
      default:
        String number = value.toString().trim();
        if (overflowed) {
          return number; // hundreds of thousands of digits are no number: kept as text, cut
        }
        double parsed;
        try {
          parsed = Double.parseDouble(number);
        } catch (NumberFormatException notANumber) {
          return number; // keep what is there rather than lose it
        }
        return text.number(parsed, style < styles.length ? styles[style] : CellText.NumberStyle.GENERAL);
    }
  }

  private int sharedIndex() {
    int index = positiveOr(value.toString(), -1);
    return index < strings.size() ? index : -1;
  }

  /** 2024-03-05T00:00:00 → 2024-03-05; with a time of day → "2024-03-05 14:30:00". */
  private static String isoDate(String iso) {
    int t = iso.indexOf('T');
    if (t < 0) {
      return iso;
    }
    String date = iso.substring(0, t);
    String time = iso.substring(t + 1);
    int end = 0;
    while (end < time.length() && (Character.isDigit(time.charAt(end)) || time.charAt(end) == ':')) {
      end++;
    }
    time = time.substring(0, end);
    if (time.isEmpty() || time.equals("00:00") || time.equals("00:00:00")) {
      return date;
    }
    return date + " " + (time.length() == 5 ? time + ":00" : time);
  }

  private static char typeCode(String t) {
    if (t == null) {
      return 'n';
    }
    switch (t) {
      case "s":
        return 's';
      case "inlineStr":
        return 'i';
      case "str":
        return 'f';
      case "b":
        return 'b';
      case "e":
        return 'e';
      case "d":
        return 'd';
      default:
        return 'n';
    }
  }

  /** 0-based column of a reference such as "AB12"; {@code fallback} when it has no letters. */
  static int columnIndex(String ref, int fallback) {
    int column = 0;
    int i = 0;
    for (; i < ref.length(); i++) {
      char c = ref.charAt(i);
      int letter;
      if (c >= 'A' && c <= 'Z') {
        letter = c - 'A' + 1;
      } else if (c >= 'a' && c <= 'z') {
        letter = c - 'a' + 1;
      } else {
        break;
      }
      column = column * 26 + letter;
      if (column > COLUMN_OVERFLOW) {
        return COLUMN_OVERFLOW;
      }
    }
    return i == 0 ? fallback : column - 1;
  }

  /** "A" for 0, "AB" for 27: the column as the user sees it in messages. */
  static String columnName(int column) {
    StringBuilder name = new StringBuilder();
    for (int n = column + 1; n > 0; n = (n - 1) / 26) {
      name.append((char) ('A' + (n - 1) % 26));
    }
    return name.reverse().toString();
  }

  private static int positiveOr(String digits, int fallback) {
    if (digits == null || digits.isEmpty() || digits.length() > 9) {
      return fallback;
    }
    int n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return fallback;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
