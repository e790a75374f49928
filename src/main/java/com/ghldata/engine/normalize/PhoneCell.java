package com.ghldata.engine.normalize;

import java.util.List;

/** Every phone found in one cell: the valid ones in order, and how many pieces were not valid. */
public record PhoneCell(List<Phone> valid, int invalid) {
  public static final PhoneCell EMPTY = new PhoneCell(List.of(), 0);
}
