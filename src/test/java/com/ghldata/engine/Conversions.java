package com.ghldata.engine;

import com.ghldata.engine.report.ConversionReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Test helper: runs the engine on bytes or text and keeps every output in memory. */
final class Conversions {
  private Conversions() {}

  record Outcome(String csv, String rejects, String issues, ConversionResult result) {
    ConversionReport report() {
      return result.report();
    }

    String[] lines() {
      return csv.split("\r\n");
    }
  }

  static Outcome convert(String csvText, ConversionOptions options) throws IOException, ConversionException {
    return convert(csvText.getBytes(StandardCharsets.UTF_8), ".csv", options);
  }

  static Outcome convert(byte[] bytes, String suffix, ConversionOptions options) throws IOException, ConversionException {
    Path file = Files.createTempFile("conv-", suffix);
    try {
      Files.write(file, bytes);
      return convert(file, options);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Outcome convert(Path file, ConversionOptions options) throws IOException, ConversionException {
    return convert(file, new Converter(options));
  }

  /**
   * Converts with threads sharing the work while {@code compilersBusy} says so, whatever the JIT is
   * doing: {@code () -> () -> false} has them share it from the first batch.
   */
  static Outcome convert(String csvText, ConversionOptions options, Supplier<BooleanSupplier> compilersBusy)
      throws IOException, ConversionException {
    Path file = Files.createTempFile("conv-", ".csv");
    try {
      Files.writeString(file, csvText);
      return convert(file, new Converter(options, compilersBusy));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Outcome convert(Path file, Converter converter) throws IOException, ConversionException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    ByteArrayOutputStream issues = new ByteArrayOutputStream();
    ConversionResult result = converter.convert(file, csv, rejects, issues, null);
    return new Outcome(csv.toString(StandardCharsets.UTF_8), rejects.toString(StandardCharsets.UTF_8),
        issues.toString(StandardCharsets.UTF_8), result);
  }

  static ConversionOptions options() {
    return ConversionOptions.defaults().withThreads(1);
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
