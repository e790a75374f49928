package com.ghldata.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one batch of rows, and its cell issues; batches normalized in parallel are added up in
 * order (the issues lists are written out by the consumer, not added up).
 */
final class Tally {
  long rows;
  long emptyRows;
  long invalidEmails;
  long invalidPhones;
  long ninthDigitFixed;
  long invalidDates;
  long rejected;
  final Map<String, Long> rejectReasons = new TreeMap<>();
  /** Cells changed or left out, by reason code. */
  final Map<String, Long> issueCounts = new TreeMap<>();
  /** This batch's cell issues in row order, written out as the batch is consumed; null while none. */
  List<CellIssue> issues;

  void reject(String reason) {
    rejectReasons.merge(reason, 1L, Long::sum);
  }

  void issue(CellIssue issue) {
    if (issues == null) {
      issues = new ArrayList<>();
    }
    issues.add(issue);
    issueCounts.merge(issue.reason().code(), 1L, Long::sum);
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
    o.issueCounts.forEach((k, v) -> issueCounts.merge(k, v, Long::sum));
  }
}
