package com.ghldata.engine;

/** Told how many source rows have been read so far; called from the converting thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = rows -> { };

  void rowsRead(long rows);
}
