package com.ghldata.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file that cannot be converted: a stable {@link ConversionError}, the variant of its message
 * (null for the code's own) with the values the message names, and an English sentence for the
 * CLI and the logs. Clients get the code, variant and parameters and word them in their language.
 */
public final class ConversionException extends Exception {
  private final ConversionError error;
  private final String variant;
  private final Map<String, Object> params;

  public ConversionException(ConversionError error) {
    this(error, error.defaultMessage(), null);
  }

  public ConversionException(ConversionError error, String message) {
    this(error, message, null);
  }

  public ConversionException(ConversionError error, String message, Throwable cause) {
    this(error, null, Map.of(), message, cause);
  }

  public ConversionException(ConversionError error, String variant, Map<String, ?> params, String message) {
    this(error, variant, params, message, null);
  }

  public ConversionException(ConversionError error, String variant, Map<String, ?> params, String message,
      Throwable cause) {
    super(message, cause);
    if (variant != null && !error.variants().contains(variant)) {
      throw new IllegalArgumentException(error.code() + " has no message variant " + variant
          + "; declare it in ConversionError");
    }
    this.error = error;
    this.variant = variant;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public ConversionError error() {
    return error;
  }

  public String code() {
    return error.code();
  }

  /** The variant of the code's message, or null for its own. */
  public String variant() {
    return variant;
  }

  /** The values the message names (row, limit, sheets...), in a stable order. */
  public Map<String, Object> params() {
    return params;
  }
}
