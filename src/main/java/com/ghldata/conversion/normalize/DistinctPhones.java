package com.ghldata.conversion.normalize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Phones in the order they come, each number (E.164) once. A few are checked by a scan; past
 * {@value #SCANNED} a set takes over, so a hostile cell of thousands of numbers costs linear time,
 * not quadratic.
 */
public final class DistinctPhones {
  static final int SCANNED = 8;

  private final List<Phone> phones = new ArrayList<>(4);
  /** The numbers in {@code phones}, once there are more than SCANNED of them. */
  private Set<String> seen;

  /** Adds the phone unless its number is already here; answers whether it was added. */
  public boolean add(Phone phone) {
    String e164 = phone.e164();
    if (seen != null) {
      if (!seen.add(e164)) {
        return false;
      }
    } else {
      for (Phone p : phones) {
        if (p.e164().equals(e164)) {
          return false;
        }
      }
      if (phones.size() == SCANNED) {
        seen = new HashSet<>();
        phones.forEach(p -> seen.add(p.e164()));
        seen.add(e164);
      }
    }
    phones.add(phone);
    return true;
  }

  /** The phones in order: the list itself, which may be reordered but not added to. */
  public List<Phone> list() {
    return phones;
  }
}
