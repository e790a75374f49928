package com.ghldata.engine.normalize;

import java.util.List;

/** Every email found in one cell: the valid ones (normalized) in order, and how many were not valid. */
public record EmailCell(List<String> valid, int invalid) {
  public static final EmailCell EMPTY = new EmailCell(List.of(), 0);
}
