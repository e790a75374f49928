package com.ghldata.engine;

/** A file that cannot be converted, with a stable {@link ConversionError} and a sentence for the user. */
public final class ConversionException extends Exception {
  private final ConversionError error;

  public ConversionException(ConversionError error) {
    this(error, error.defaultMessage(), null);
  }

  public ConversionException(ConversionError error, String message) {
    this(error, message, null);
  }

  public ConversionException(ConversionError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public ConversionError error() {
    return error;
  }

  public String code() {
    return error.code();
  }
}
