package com.ghldata.engine.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SAX handlers for the small parts of an XLSX that the sheet reader needs: the sheet list (workbook.xml)
 * and the number format of each cell style (styles.xml). Read with our own handlers rather than
 * XSSFReader's sheet iterator and POI's StylesTable so every part goes through {@link SafeXml} and
 * only what is used is kept (StylesTable parses fonts, fills and borders through XMLBeans).
 */
final class XlsxWorkbookParts {
  private static final String RELATIONSHIPS_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private XlsxWorkbookParts() {}

  /** A sheet as listed in workbook.xml. */
  record SheetRef(String name, String relationId, boolean hidden) {}

  /** workbook.xml: the sheets in order, and whether dates count from 1904 (old Mac Excel). */
  static final class WorkbookHandler extends DefaultHandler {
    final List<SheetRef> sheets = new ArrayList<>();
    boolean date1904;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      if (localName.equals("sheet")) {
        String name = attributes.getValue("name");
        String relationId = attributes.getValue(RELATIONSHIPS_NS, "id");
        if (relationId == null) {
          relationId = attributeByLocalName(attributes, "id");
        }
        String state = attributes.getValue("state");
        sheets.add(new SheetRef(name == null ? "" : name, relationId,
            "hidden".equals(state) || "veryHidden".equals(state)));
      } else if (localName.equals("workbookPr")) {
        String value = attributes.getValue("date1904");
        date1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
      }
    }
  }

  /** styles.xml: the number format of each cell style ({@code cellXfs}), in style-index order. */
  static final class StylesHandler extends DefaultHandler {
    private final Map<Integer, String> customFormats = new HashMap<>();
    private final List<Integer> styleFormatIds = new ArrayList<>();
    private boolean inNumFmts;
    private boolean inCellXfs;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (localName) {
        case "numFmts":
          inNumFmts = true;
          break;
        case "numFmt": // also found inside dxfs (conditional formats), which are not cell styles
          if (inNumFmts) {
            int id = parseId(attributes.getValue("numFmtId"));
            String code = attributes.getValue("formatCode");
            if (id >= 0 && code != null) {
              customFormats.put(id, code);
            }
          }
          break;
        case "cellXfs":
          inCellXfs = true;
          break;
        case "xf":
          if (inCellXfs) {
            styleFormatIds.add(Math.max(0, parseId(attributes.getValue("numFmtId"))));
          }
          break;
        default:
          break;
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      if (localName.equals("numFmts")) {
        inNumFmts = false;
      } else if (localName.equals("cellXfs")) {
        inCellXfs = false;
      }
    }

    /** One entry per cell style index. */
    CellText.NumberStyle[] numberStyles() {
      Map<Integer, CellText.NumberStyle> byFormat = new HashMap<>();
      CellText.NumberStyle[] styles = new CellText.NumberStyle[styleFormatIds.size()];
      for (int i = 0; i < styles.length; i++) {
        styles[i] = byFormat.computeIfAbsent(styleFormatIds.get(i), id -> {
          String pattern = customFormats.get(id);
          if (pattern == null && id < BuiltinFormats.FIRST_USER_DEFINED_FORMAT_INDEX) {
            pattern = BuiltinFormats.getBuiltinFormat(id);
            if (pattern != null && pattern.startsWith("reserved")) {
              pattern = null; // locale-dependent built-ins POI cannot name: shown as General
            }
          }
          return CellText.style(id, pattern);
        });
      }
      return styles;
    }
  }

  private static String attributeByLocalName(Attributes attributes, String localName) {
    for (int i = 0; i < attributes.getLength(); i++) {
      if (localName.equals(attributes.getLocalName(i))) {
        return attributes.getValue(i);
      }
    }
    return null;
  }

  private static int parseId(String value) {
    if (value == null) {
      return -1;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
