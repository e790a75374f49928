package com.ghldata.engine.read;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.internal.ContentTypeManager;
import org.apache.poi.openxml4j.opc.internal.ZipContentTypeManager;
import org.apache.poi.openxml4j.opc.internal.ZipHelper;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * A workbook's zip as POI should see it: without the entries its {@code [Content_Types].xml} gives
 * no content type. POI refuses a package holding any such entry (OPC rule M1.14) where Excel and
 * LibreOffice open it; they are what a workbook unzipped and zipped again by hand picks up, such as
 * a Mac's {@code xl/.DS_Store}. An entry without a content type is no part of the workbook, so
 * leaving it out loses nothing. Whether an entry has one is asked of POI's own content-type
 * manager, so exactly the entries POI would refuse are left out; relationship parts are always kept
 * (without them the workbook would lose its sheets and be refused for the wrong reason).
 */
final class TypedZipEntries implements ZipEntrySource {
  private final ZipEntrySource zip;
  private final Set<String> untyped;

  private TypedZipEntries(ZipEntrySource zip, Set<String> untyped) {
    this.zip = zip;
    this.untyped = untyped;
  }

  /** Opens the file through POI's zip guard ({@link ZipSecureFile}), as {@code OPCPackage.open(File)} does. */
  static TypedZipEntries open(File file) throws IOException {
    ZipSecureFile secure = ZipHelper.openZipFile(file);
    ZipEntrySource zip = new ZipFileZipEntrySource(secure);
    try {
      return new TypedZipEntries(zip, untyped(zip));
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** Names of the entries that would break the package; none when the manifest itself is unreadable (POI says why). */
  private static Set<String> untyped(ZipEntrySource zip) throws IOException {
    ZipArchiveEntry manifest = zip.getEntry(ContentTypeManager.CONTENT_TYPES_PART_NAME);
    if (manifest == null) {
      return Set.of();
    }
    ContentTypeManager types;
    try (InputStream in = zip.getInputStream(manifest)) {
      types = new ZipContentTypeManager(in, null);
    } catch (InvalidFormatException unreadable) {
      return Set.of();
    }
    Set<String> untyped = new HashSet<>();
    for (Enumeration<? extends ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
      String name = e.nextElement().getName();
      if (name.endsWith("/") || name.endsWith(".rels") || name.startsWith("[trash]")
          || name.equalsIgnoreCase(ContentTypeManager.CONTENT_TYPES_PART_NAME)) {
        continue;
      }
      PackagePartName part;
      try {
        part = PackagingURIHelper.createPartName(ZipHelper.getOPCNameFromZipItemName(name));
      } catch (InvalidFormatException | RuntimeException notAPartName) {
        continue; // POI skips these itself
      }
      if (types.getContentType(part) == null) {
        untyped.add(name);
      }
    }
    return untyped;
  }

  @Override
  public Enumeration<? extends ZipArchiveEntry> getEntries() {
    List<ZipArchiveEntry> kept = new ArrayList<>();
    for (Enumeration<? extends ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
      ZipArchiveEntry entry = e.nextElement();
      if (!untyped.contains(entry.getName())) {
        kept.add(entry);
      }
    }
    return Collections.enumeration(kept);
  }

  @Override
  public ZipArchiveEntry getEntry(String path) {
    ZipArchiveEntry entry = zip.getEntry(path);
    return entry == null || untyped.contains(entry.getName()) ? null : entry;
  }

  @Override
  public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
    return zip.getInputStream(entry);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  @Override
  public boolean isClosed() {
    return zip.isClosed();
  }
}
