package com.ghldata.engine.read;

import com.ghldata.engine.ConversionException;

/** Receives the records of a sheet in order, header candidates included. */
@FunctionalInterface
public interface RowHandler {
  /**
   * @param rowNumber 1-based row number as the user sees it (CSV record number, spreadsheet row)
   * @param cells the cells of the row, never null elements ("" for a blank cell); the array is owned
   *     by the handler after the call
   * @return false to stop reading
   */
  boolean row(int rowNumber, String[] cells) throws ConversionException;

  /**
   * Told, just before {@link #row} for the same row, that the cell at {@code column} was longer
   * than {@link ReadLimits#maxCellChars} and what {@code row} gets there is its cut beginning
   * ({@link ReadLimits#cut}). Once per cut cell, in no particular column order.
   *
   * @param column 0-based index into the row's cells
   */
  default void cellCut(int rowNumber, int column) {}
}
