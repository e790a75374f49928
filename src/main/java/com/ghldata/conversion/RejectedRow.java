package com.ghldata.conversion;

import java.util.List;

/** A row GHL would refuse, kept for the rejects file with its original cells and reason codes. */
record RejectedRow(int rowNumber, String[] cells, List<String> reasons) {}
