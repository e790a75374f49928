package com.ghldata.engine.write;

import java.util.List;

/** A row GHL would refuse, kept for the rejects file with its original cells and reason codes. */
public record RejectedRow(int rowNumber, String[] cells, List<String> reasons) {}
