package com.ghldata.web;

/** The name an upload is stored and shown under: no path, no control characters, bounded length. */
final class FileNames {
  private static final int MAX = 200;

  private FileNames() {}

  static String clean(String raw) {
    String name = raw == null ? "" : raw;
    // Browsers send a bare name, but old ones and scripts send C:\path\file.xlsx or ../../file.
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder sb = new StringBuilder(name.length());
    name.codePoints().filter(FileNames::shown).forEach(sb::appendCodePoint);
    name = sb.toString().strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      name = "upload";
    }
    if (name.length() > MAX) {
      // Never cut between the two halves of a surrogate pair: half an emoji is not text.
      name = name.substring(0, Character.isHighSurrogate(name.charAt(MAX - 1)) ? MAX - 1 : MAX);
    }
    return name;
  }

  /**
   * A character kept in a name: not a control character, not a line break, and not a bidi control
   * (with U+202E before "slx.exe", a name ending in .exe reads as one ending in .xls).
   */
  private static boolean shown(int cp) {
    int type = Character.getType(cp);
    return !Character.isISOControl(cp) && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SURROGATE && !bidiControl(cp);
  }

  private static boolean bidiControl(int cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
  }
}
