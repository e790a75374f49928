package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.ConversionException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Builds upload fixtures in the tests (no binary files checked in) and collects what readers emit.
 * Public for the HTTP hostile-input suite, which uploads the same hostile workbooks.
 */
public final class ReadFixtures {
  static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  private ReadFixtures() {}

  /** One emitted row. */
  record Row(int number, List<String> cells) {
    static Row of(int number, String... cells) {
      return new Row(number, List.of(cells));
    }
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  static List<Row> readAll(RowReader reader) throws IOException, ConversionException {
    List<Row> rows = new ArrayList<>();
    reader.read((number, cells) -> rows.add(new Row(number, Arrays.asList(cells))));
    return rows;
  }

  /** What a reader pushed: the rows, and each cell it cut as "row.column", in the order told. */
  record Read(List<Row> rows, List<String> cuts) {}

  /** Opens by bytes and reads every row, noting the cells cut and checking each is told before its row. */
  static Read readWithCuts(Path file, ReadLimits limits) throws IOException, ConversionException {
    List<Row> rows = new ArrayList<>();
    List<String> cuts = new ArrayList<>();
    try (RowReader reader = SpreadsheetReaders.open(file, null, limits)) {
      reader.read(new RowHandler() {
        private int cutRow = -1;

        @Override
        public boolean row(int number, String[] cells) {
          if (cutRow >= 0 && cutRow != number) {
            throw new AssertionError("a cut told for row " + cutRow + " came before row " + number);
          }
          cutRow = -1;
          rows.add(new Row(number, Arrays.asList(cells)));
          return true;
        }

        @Override
        public void cellCut(int number, int column) {
          cutRow = number;
          cuts.add(number + "." + column);
        }
      });
    }
    return new Read(rows, cuts);
  }

  /** Opens by bytes (as the engine does) and reads every row. */
  static List<Row> readAll(Path file) throws IOException, ConversionException {
    try (RowReader reader = SpreadsheetReaders.open(file, null, ReadLimits.DEFAULT)) {
      return readAll(reader);
    }
  }

  /**
   * Asserts that opening and reading the file fails with a ConversionException (no other exception
   * type), collecting into {@code emitted} whatever rows were pushed before the failure.
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file, ReadLimits limits,
      List<Row> emitted) {
    return assertThatThrownBy(() -> {
      try (RowReader reader = SpreadsheetReaders.open(file, null, limits)) {
        reader.read((number, cells) -> emitted.add(new Row(number, Arrays.asList(cells))));
      }
    }).isInstanceOf(ConversionException.class);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
    return assertRefused(file, ReadLimits.DEFAULT, new ArrayList<>());
  }

  static byte[] xlsx(Consumer<XSSFWorkbook> build) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      build.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    }
  }

  static byte[] xls(Consumer<HSSFWorkbook> build) throws IOException {
    try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      build.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /**
   * An XLSX made by POI with one sheet, whose sheet1.xml (and sharedStrings.xml, when given) are
   * then replaced by hand-written XML.
   */
  public static byte[] xlsxWithParts(String sheetXml, String sharedStringsXml) throws IOException {
    byte[] skeleton = xlsx(workbook -> workbook.createSheet("Data").createRow(0).createCell(0).setCellValue("x"));
    byte[] withSheet = replaceEntry(skeleton, "xl/worksheets/sheet1.xml", sheetXml.getBytes(StandardCharsets.UTF_8));
    return sharedStringsXml == null ? withSheet
        : replaceEntry(withSheet, "xl/sharedStrings.xml", sharedStringsXml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A convertible workbook that sets POI's own logger talking: it has no sharedStrings part (its
   * strings are inline), which POI reports as a warning, and a sheet hyperlink to a {@code mailto:}
   * address with a space, which POI cannot parse as a URI and reports as an error with a stack trace.
   */
  static byte[] xlsxPoiComplainsAbout() throws IOException {
    Map<String, byte[]> parts = entries(xlsxWithParts(sheetXml(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nome</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>E-mail</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Ana Silva</t></is></c>"
            + "<c r=\"B2\" t=\"inlineStr\"><is><t>ana@example.com</t></is></c></row>"), null));
    parts.remove("xl/sharedStrings.xml");
    String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8);
    parts.put("[Content_Types].xml", types.replaceAll("<Override [^>]*sharedStrings[^>]*/>", "")
        .getBytes(StandardCharsets.UTF_8));
    String rels = new String(parts.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8);
    parts.put("xl/_rels/workbook.xml.rels", rels.replaceAll("<Relationship [^>]*sharedStrings[^>]*/>", "")
        .getBytes(StandardCharsets.UTF_8));
    parts.put("xl/worksheets/_rels/sheet1.xml.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" TargetMode=\"External\" Target=\"mailto:ana silva@example.com?subject=Ol\u00e1\""
        + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\"/>"
        + "</Relationships>").getBytes(StandardCharsets.UTF_8));
    return zip(parts);
  }

  public static String sheetXml(String sheetData) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>" + sheetData + "</sheetData></worksheet>";
  }

  /** An XLSX whose sheet declares an external entity for {@code systemId} (an XXE attempt) and uses it in A1. */
  public static byte[] xlsxWithExternalEntity(String systemId) throws IOException {
    return xlsxWithParts("<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>\n"
        + "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>", null);
  }

  public static String sharedStringsXml(String... items) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        .append("<sst xmlns=\"").append(MAIN_NS).append("\" count=\"").append(items.length)
        .append("\" uniqueCount=\"").append(items.length).append("\">");
    for (String item : items) {
      xml.append("<si><t>").append(item).append("</t></si>");
    }
    return xml.append("</sst>").toString();
  }

  static byte[] replaceEntry(byte[] zip, String name, byte[] content) throws IOException {
    Map<String, byte[]> entries = entries(zip);
    if (!entries.containsKey(name)) {
      throw new IllegalArgumentException("no entry " + name + " in " + entries.keySet());
    }
    entries.put(name, content);
    return zip(entries);
  }

  static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Writes an XLSX whose sheet1.xml expands to {@code megabytes} MiB of blanks plus a valid sheet,
   * compressed at the maximum level. Deflating that much would take seconds, so a 1 MiB block is
   * deflated once on a fresh deflater, ending on a flush (its output refers to nothing before it),
   * and repeated: the result is one valid deflate stream, and the zip is written by hand around it.
   */
  public static void writeZipBomb(Path file, int megabytes) throws IOException {
    Map<String, byte[]> parts = entries(xlsxWithParts(sheetXml(""), null));
    byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>boom</t></is></c></row></sheetData></worksheet>"
        .getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[1 << 20];
    Arrays.fill(block, (byte) ' ');

    byte[] headDeflated = deflateChunk(head, false);
    byte[] blockDeflated = deflateChunk(block, false);
    byte[] tailDeflated = deflateChunk(tail, true);
    CRC32 crc = new CRC32();
    crc.update(head);
    for (int i = 0; i < megabytes; i++) {
      crc.update(block);
    }
    crc.update(tail);
    long size = head.length + (long) block.length * megabytes + tail.length;
    long compressed = headDeflated.length + (long) blockDeflated.length * megabytes + tailDeflated.length;

    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      RawZipWriter zip = new RawZipWriter(out);
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        if (part.getKey().equals("xl/worksheets/sheet1.xml")) {
          zip.beginEntry(part.getKey(), crc.getValue(), compressed, size);
          zip.data(headDeflated);
          for (int i = 0; i < megabytes; i++) {
            zip.data(blockDeflated);
          }
          zip.data(tailDeflated);
        } else {
          CRC32 partCrc = new CRC32();
          partCrc.update(part.getValue());
          byte[] deflated = deflateChunk(part.getValue(), true);
          zip.beginEntry(part.getKey(), partCrc.getValue(), deflated.length, part.getValue().length);
          zip.data(deflated);
        }
      }
      zip.finish();
    }
  }

  /** Raw deflate of {@code data} on a fresh deflater: ending the stream, or on a full flush. */
  private static byte[] deflateChunk(byte[] data, boolean last) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      if (last) {
        deflater.finish();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      while (true) {
        int n = last ? deflater.deflate(buf) : deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        out.write(buf, 0, n);
        if (last ? deflater.finished() : n < buf.length && deflater.needsInput()) {
          return out.toByteArray();
        }
      }
    } finally {
      deflater.end();
    }
  }

  /** The minimal zip format (no zip64, no data descriptors), for entries whose data is deflated already. */
  private static final class RawZipWriter {
    private final OutputStream out;
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private long offset;
    private int count;

    RawZipWriter(OutputStream out) {
      this.out = out;
    }

    void beginEntry(String name, long crc, long compressedSize, long size) throws IOException {
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream local = new ByteArrayOutputStream();
      int32(local, 0x04034b50);
      int16(local, 20);
      int16(local, 0);
      int16(local, 8);
      int16(local, 0);
      int16(local, 0x21); // 1980-01-01
      int32(local, crc);
      int32(local, compressedSize);
      int32(local, size);
      int16(local, nameBytes.length);
      int16(local, 0);
      local.write(nameBytes);

      int32(central, 0x02014b50);
      int16(central, 20);
      int16(central, 20);
      int16(central, 0);
      int16(central, 8);
      int16(central, 0);
      int16(central, 0x21);
      int32(central, crc);
      int32(central, compressedSize);
      int32(central, size);
      int16(central, nameBytes.length);
      int16(central, 0);
      int16(central, 0);
      int16(central, 0);
      int16(central, 0);
      int32(central, 0);
      int32(central, offset);
      central.write(nameBytes);

      count++;
      data(local.toByteArray());
    }

    void data(byte[] bytes) throws IOException {
      out.write(bytes);
      offset += bytes.length;
    }

    void finish() throws IOException {
      long centralOffset = offset;
      byte[] directory = central.toByteArray();
      data(directory);
      ByteArrayOutputStream end = new ByteArrayOutputStream();
      int32(end, 0x06054b50);
      int16(end, 0);
      int16(end, 0);
      int16(end, count);
      int16(end, count);
      int32(end, directory.length);
      int32(end, centralOffset);
      int16(end, 0);
      data(end.toByteArray());
    }

    private static void int16(ByteArrayOutputStream out, int v) {
      out.write(v & 0xFF);
      out.write((v >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream out, long v) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (v >>> (8 * i)) & 0xFF);
      }
    }
  }
}
