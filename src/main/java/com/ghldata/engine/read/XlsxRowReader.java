package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Streams one sheet of an XLSX with SAX (never {@code XSSFWorkbook}, which builds the whole
 * workbook in memory): POI's {@link OPCPackage} and {@link XSSFReader} give the parts, our own
 * handlers read them (see {@link XlsxSheetHandler}, {@link XlsxSharedStrings}).
 */
public final class XlsxRowReader implements RowReader {
  /**
   * The largest uncompressed part accepted. A sheet at Excel's limit of 1,048,576 rows with ~20
   * filled columns is 0.6–1 GB of XML; nothing bigger is a contact list, and 1 GiB already costs
   * some 10 s of parsing. (POI's own default is 4 GiB.)
   */
  static final long MAX_PART_BYTES = 1L << 30;
  /** POI's default: a part may not expand more than 100 times its compressed size. */
  static final double MIN_INFLATE_RATIO = 0.01;

  private static final Set<String> WORKBOOK_TYPES = Set.of(
      XSSFRelation.WORKBOOK.getContentType(),
      XSSFRelation.MACROS_WORKBOOK.getContentType(),
      XSSFRelation.TEMPLATE_WORKBOOK.getContentType(),
      XSSFRelation.MACRO_TEMPLATE_WORKBOOK.getContentType());

  static {
    // JVM-wide settings of POI's zip guard, made explicit so they cannot drift with POI's defaults.
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    // Guards only POI's text extractors, which we do not use; our limits are the per-cell limit and
    // XlsxSharedStrings' caps. Set to POI's default all the same, in case an extractor is ever used.
    ZipSecureFile.setMaxTextSize(10L * 1024 * 1024);
  }

  private final OPCPackage pkg;
  private final XSSFReader parts;
  private final XlsxSharedStrings strings;
  private final CellText.NumberStyle[] styles;
  private final CellText text;
  private final ReadLimits limits;
  private final XlsxWorkbookParts.SheetRef sheet;
  private final SourceInfo info;

  private XlsxRowReader(OPCPackage pkg, XSSFReader parts, XlsxSharedStrings strings,
      CellText.NumberStyle[] styles, CellText text, ReadLimits limits, XlsxWorkbookParts.SheetRef sheet,
      List<String> sheetNames) {
    this.pkg = pkg;
    this.parts = parts;
    this.strings = strings;
    this.styles = styles;
    this.text = text;
    this.limits = limits;
    this.sheet = sheet;
    this.info = new SourceInfo("xlsx", null, null, sheet.name(), sheetNames);
  }

  /**
   * Opens the workbook and chooses the sheet.
   *
   * @param sheetName the sheet to read (case-insensitive); null for the first sheet holding a value
   * @throws ConversionException CORRUPT_FILE, NOT_A_SPREADSHEET, ZIP_BOMB, UNSAFE_XML,
   *     SHEET_NOT_FOUND
   */
  public static XlsxRowReader open(Path file, String sheetName, ReadLimits limits)
      throws IOException, ConversionException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    checkZip(file);
    OPCPackage pkg = openPackage(file);
    try {
      checkIsWorkbook(pkg);
      XSSFReader parts = new XSSFReader(pkg);

      XlsxWorkbookParts.WorkbookHandler workbook = new XlsxWorkbookParts.WorkbookHandler();
      SafeXml.parse(parts.getWorkbookData(), workbook, "workbook.xml");
      if (workbook.sheets.isEmpty()) {
        throw new ConversionException(ConversionError.CORRUPT_FILE, "no_sheets", Map.of(), "The workbook has no sheets.");
      }
      CellText.NumberStyle[] styles = new CellText.NumberStyle[0];
      InputStream stylesData = parts.getStylesData();
      if (stylesData != null) {
        XlsxWorkbookParts.StylesHandler stylesHandler = new XlsxWorkbookParts.StylesHandler();
        SafeXml.parse(stylesData, stylesHandler, "styles.xml");
        styles = stylesHandler.numberStyles();
      }
      XlsxSharedStrings strings = new XlsxSharedStrings(limits);
      InputStream stringsData = parts.getSharedStringsData();
      if (stringsData != null) {
        SafeXml.parse(stringsData, strings, "sharedStrings.xml");
      }

      List<String> names = new ArrayList<>();
      for (XlsxWorkbookParts.SheetRef ref : workbook.sheets) {
        names.add(ref.name());
      }
      XlsxWorkbookParts.SheetRef chosen = sheetName != null
          ? byName(workbook.sheets, sheetName, names)
          : firstWithValue(parts, workbook.sheets, strings, limits);
      return new XlsxRowReader(pkg, parts, strings, styles, new CellText(workbook.date1904), limits, chosen,
          names);
    } catch (ConversionException e) {
      pkg.revert();
      throw e;
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      pkg.revert();
      throw PoiFailures.workbook(e, "workbook structure");
    }
  }

  @Override
  public SourceInfo info() {
    return info;
  }

  @Override
  public void read(RowHandler handler) throws IOException, ConversionException {
    Objects.requireNonNull(handler, "handler");
    SafeXml.parse(sheetData(parts, sheet),
        XlsxSheetHandler.reader(strings, styles, text, limits, handler), "sheet \"" + sheet.name() + "\"");
  }

  @Override
  public void close() {
    pkg.revert(); // close without saving: the package is open read-only
  }

  /**
   * Checks the zip's central directory before POI sees the file: on a damaged zip POI silently falls
   * back to reading the entries as a stream (into memory), and a zip without OOXML content types is
   * not an Excel workbook at all.
   */
  private static void checkZip(Path file) throws IOException, ConversionException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.getEntry("[Content_Types].xml") == null) {
        if (zip.getEntry("mimetype") != null && zip.getEntry("content.xml") != null) {
          throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "ods", Map.of(),
              "OpenDocument spreadsheets (.ods) are not supported: save the file as XLSX or CSV.");
        }
        throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "zip_not_workbook", Map.of(),
            "The file is a zip archive but not an Excel workbook.");
      }
    } catch (FileSystemException cannotOpen) {
      throw cannotOpen;
    } catch (IOException damaged) {
      throw new ConversionException(ConversionError.CORRUPT_FILE, "zip_incomplete", Map.of(),
          "The workbook is damaged: its zip structure is incomplete (was the file cut short?).", damaged);
    }
  }

  /** Opened read-only (as {@code OPCPackage.open(ZipEntrySource)} does), without the zip's untyped entries. */
  private static OPCPackage openPackage(Path file) throws IOException, ConversionException {
    TypedZipEntries entries;
    try {
      entries = TypedZipEntries.open(file.toFile());
    } catch (FileSystemException cannotOpen) {
      throw cannotOpen;
    } catch (IOException | RuntimeException e) {
      throw PoiFailures.workbook(e, "workbook package");
    }
    try {
      return OPCPackage.open(entries);
    } catch (InvalidFormatException | RuntimeException e) {
      entries.close();
      throw PoiFailures.workbook(e, "workbook package");
    }
  }

  private static void checkIsWorkbook(OPCPackage pkg) throws ConversionException {
    PackageRelationship core =
        pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT).getRelationship(0);
    PackagePart main = core == null ? null : pkg.getPart(core);
    if (core != null && main == null) {
      throw new ConversionException(ConversionError.CORRUPT_FILE,
          "The workbook is damaged: its main part (" + core.getTargetURI() + ") is missing.");
    }
    String type = main == null ? "" : main.getContentType();
    if (type.equals(XSSFRelation.XLSB_BINARY_WORKBOOK.getContentType())) {
      throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "xlsb", Map.of(),
          "Binary workbooks (.xlsb) are not supported: save the file as XLSX or CSV.");
    }
    if (!WORKBOOK_TYPES.contains(type)) {
      throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "office_not_workbook", Map.of(),
          "The file is an Office document but not an Excel workbook.");
    }
  }

  private static XlsxWorkbookParts.SheetRef byName(List<XlsxWorkbookParts.SheetRef> sheets, String wanted,
      List<String> names) throws ConversionException {
    String key = wanted.strip();
    for (XlsxWorkbookParts.SheetRef ref : sheets) {
      if (ref.name().strip().equalsIgnoreCase(key)) {
        return ref;
      }
    }
    throw sheetNotFound(wanted, names);
  }

  static ConversionException sheetNotFound(String wanted, List<String> names) {
    return new ConversionException(ConversionError.SHEET_NOT_FOUND, "named",
        Map.of("sheet", wanted, "sheets", List.copyOf(names)), String.format(Locale.ROOT, "The workbook has no sheet named \"%s\"; its sheets are: %s.", wanted,
            String.join(", ", names)));
  }

  /** The first visible sheet holding a value; else the first hidden one; else the first sheet. */
  private static XlsxWorkbookParts.SheetRef firstWithValue(XSSFReader parts,
      List<XlsxWorkbookParts.SheetRef> sheets, XlsxSharedStrings strings, ReadLimits limits)
      throws ConversionException, IOException, InvalidFormatException {
    XlsxWorkbookParts.SheetRef hiddenWithValue = null;
    for (XlsxWorkbookParts.SheetRef ref : sheets) {
      if (ref.hidden() && hiddenWithValue != null) {
        continue;
      }
      XlsxSheetHandler probe = XlsxSheetHandler.probe(strings, limits);
      SafeXml.parse(sheetData(parts, ref), probe, "sheet \"" + ref.name() + "\"");
      if (probe.foundValue()) {
        if (!ref.hidden()) {
          return ref;
        }
        hiddenWithValue = ref;
      }
    }
    return hiddenWithValue != null ? hiddenWithValue : sheets.get(0);
  }

  private static InputStream sheetData(XSSFReader parts, XlsxWorkbookParts.SheetRef ref)
      throws ConversionException {
    if (ref.relationId() == null) {
      throw new ConversionException(ConversionError.CORRUPT_FILE, "sheet_missing_data",
          Map.of("sheet", ref.name()), "The workbook is damaged: sheet \"" + ref.name() + "\" has no data.");
    }
    try {
      return parts.getSheet(ref.relationId());
    } catch (IOException | InvalidFormatException | RuntimeException e) {
      throw PoiFailures.workbook(e, "sheet \"" + ref.name() + "\"");
    }
  }
}
