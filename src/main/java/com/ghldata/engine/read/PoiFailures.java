package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;

/** Turns what POI throws into the engine's errors: nothing from POI may reach the caller as it is. */
final class PoiFailures {
  /** POI's zip guard (ZipSecureFile) reports bombs as plain IOExceptions with this message. */
  private static final String ZIP_BOMB_MESSAGE = "Zip bomb detected";

  private PoiFailures() {}

  /** The error for a failure while opening or reading a workbook; {@code what} names the part. */
  static ConversionException workbook(Throwable failure, String what) {
    if (inChain(failure, ZIP_BOMB_MESSAGE)) {
      return new ConversionException(ConversionError.ZIP_BOMB,
          "The spreadsheet expands to far more data than its size allows (in " + what
              + "); refused as a zip bomb.", failure);
    }
    if (hasCause(failure, EncryptedDocumentException.class)) {
      return new ConversionException(ConversionError.ENCRYPTED_FILE, ConversionError.ENCRYPTED_FILE.defaultMessage(),
          failure);
    }
    if (hasCause(failure, NotOfficeXmlFileException.class)) {
      return new ConversionException(ConversionError.NOT_A_SPREADSHEET, "zip_not_workbook", Map.of(),
          "The file is a zip archive but not an Excel workbook.", failure);
    }
    return new ConversionException(ConversionError.CORRUPT_FILE,
        "The spreadsheet is damaged and cannot be read (" + what + ").", failure);
  }

  private static boolean inChain(Throwable failure, String messageStart) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.startsWith(messageStart)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
