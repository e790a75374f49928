package com.ghldata.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The words of the files meant for people, in each {@link Language}: column headers, what was done
 * and why, from {@code texts_<tag>.properties} beside this class (UTF-8). A key missing in a language
 * is a bug, caught by the tests, so there is no silent fallback to English.
 */
public final class Texts {
  private static final Map<Language, Properties> ALL = new EnumMap<>(Language.class);

  static {
    for (Language l : Language.values()) {
      ALL.put(l, load(l));
    }
  }

  private Texts() {}

  /** The text for a key (rejects.row, reason.invalid_phone ...), or null when there is none. */
  public static String get(Language language, String key) {
    return ALL.get(language).getProperty(key);
  }

  /** The text for a key, or the key itself: a code the texts do not know yet stays readable. */
  public static String orKey(Language language, String key, String fallback) {
    String v = get(language, key);
    return v == null ? fallback : v;
  }

  /** Every key of a language, for the tests that keep the languages in step. */
  public static java.util.Set<String> keys(Language language) {
    return ALL.get(language).stringPropertyNames();
  }

  private static Properties load(Language l) {
    String name = "texts_" + l.tag().replace('-', '_') + ".properties";
    Properties p = new Properties();
    try (InputStream in = Texts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
