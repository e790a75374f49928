package com.ghldata.config;

import java.util.function.Function;

/** Reading one setting through a lookup (its environment name to its value, or null when unset). */
final class Lookups {
  private Lookups() {
  }

  static int integer(Function<String, String> lookup, String key, int fallback) {
    String v = lookup.apply(key);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid configuration: " + key + " must be a whole number, got '" + v + "'");
    }
  }
}
