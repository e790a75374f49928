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
    name.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7F && !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
    name = sb.toString().strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      name = "upload";
    }
    return name.length() > MAX ? name.substring(0, MAX) : name;
  }
}
