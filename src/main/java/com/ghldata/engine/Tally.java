package com.ghldata.engine;

import java.util.Map;
import java.util.TreeMap;

/** Counters of one batch of rows; batches normalized in parallel are added up in order. */
final class Tally {
  long rows;
  long emptyRows;
  long invalidEmails;
  long invalidPhones;
  long ninthDigitFixed;
  long invalidDates;
  long rejected;
  final Map<String, Long> rejectReasons = new TreeMap<>();

  void reject(String reason) {
    rejectReasons.merge(reason, 1L, Long::sum);
  }

  void add(Tally o) {
    rows += o.rows;
    emptyRows += o.emptyRows;
    invalidEmails += o.invalidEmails;
    invalidPhones += o.invalidPhones;
    ninthDigitFixed += o.ninthDigitFixed;
    invalidDates += o.invalidDates;
    rejected += o.rejected;
    o.rejectReasons.forEach((k, v) -> rejectReasons.merge(k, v, Long::sum));
  }
}
