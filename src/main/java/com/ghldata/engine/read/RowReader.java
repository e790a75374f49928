package com.ghldata.engine.read;

import com.ghldata.engine.ConversionException;
import java.io.IOException;

/** A streaming reader of one sheet: pushes records to a handler, never holds the whole file. */
public interface RowReader extends AutoCloseable {
  /** Reads every record of the chosen sheet and pushes it to the handler, in order. */
  void read(RowHandler handler) throws IOException, ConversionException;

  /** What was detected about the source; complete once {@link #read} has started. */
  SourceInfo info();

  @Override
  void close() throws IOException;
}
