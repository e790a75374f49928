package com.ghldata.conversion.normalize;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** STUB, replaced by the full tag normalizer. */
public final class TagNormalizer {
  private TagNormalizer() {}

  /** Splits a cell into tags (lower-cased, periods removed, trimmed) and adds the new ones to the set. */
  public static void addTags(String raw, Set<String> into) {
    if (raw == null) {
      return;
    }
    for (String t : raw.split("[,;|]")) {
      String tag = t.replace(".", "").trim().toLowerCase(Locale.ROOT);
      if (!tag.isEmpty()) {
        into.add(tag);
      }
    }
  }

  /** Tags joined as GHL reads them: ", ". */
  public static String join(Collection<String> tags) {
    return String.join(", ", tags);
  }
}
